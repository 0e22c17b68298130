// Flowise's credential types (/components-credentials) as the catalog the renderer shows: the
// HTML description turned into text plus links, inputs typed, and which inputs hold a secret.
import type {
  CredentialTypeEntry,
  CredentialTypeInput,
  InputType,
} from '../../../common/ipc/schemas/credentials.js';
import type { CredentialType } from '../flowise/flowise-schemas.js';

type FlowiseInput = CredentialType['inputs'][number];

const KNOWN_TYPES = new Set<string>([
  'password',
  'string',
  'url',
  'options',
  'boolean',
  'number',
  'json',
]);
// Servers before 3.1.3 typed some secrets as plain strings (AWS secret keys, for one); a text
// input named like a secret is treated as one, so its value never reaches the renderer.
const SECRET_NAME = /secret|password|passwd|token|private.?key|api.?key|access.?key/i;
const ADDRESS_NAME = /url|uri|endpoint|host/i;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
};

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** Flowise descriptions carry HTML links; only http(s) targets are kept, and no markup. */
export function describeHtml(html: string): {
  text: string;
  links: { label: string; url: string }[];
} {
  const links: { label: string; url: string }[] = [];
  const withLabels = html.replace(
    /<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi,
    (_, href: string, inner: string) => {
      const label = decode(inner.replace(/<[^>]*>/g, '')).trim();
      const url = decode(href).trim();
      if (/^https?:\/\//i.test(url)) links.push({ label: label === '' ? url : label, url });
      return label;
    },
  );
  const text = decode(withLabels.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return { text, links };
}

export function inputType(type: string): InputType {
  return KNOWN_TYPES.has(type) ? (type as InputType) : 'other';
}

export function isSecretInput(input: Pick<FlowiseInput, 'type' | 'label' | 'name'>): boolean {
  if (input.type === 'password') return true;
  if (input.type !== 'string' && inputType(input.type) !== 'other') return false;
  const named = SECRET_NAME.test(input.label) || SECRET_NAME.test(input.name);
  return named && !ADDRESS_NAME.test(input.label) && !ADDRESS_NAME.test(input.name);
}

function defaultOf(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

export function toTypeInput(input: FlowiseInput): CredentialTypeInput {
  const fallback = defaultOf(input.default);
  return {
    label: input.label,
    name: input.name,
    type: inputType(input.type),
    secret: isSecretInput(input),
    optional: input.optional === true,
    ...(fallback === undefined ? {} : { default: fallback }),
    ...(input.description === undefined
      ? {}
      : { description: describeHtml(input.description).text }),
    ...(input.placeholder === undefined ? {} : { placeholder: input.placeholder }),
    ...(input.options === undefined ? {} : { options: input.options }),
    ...(input.rows === undefined ? {} : { rows: input.rows }),
    ...(input.hidden === undefined ? {} : { hidden: input.hidden }),
  };
}

export function toTypeEntry(type: CredentialType): CredentialTypeEntry {
  const described = type.description === undefined ? undefined : describeHtml(type.description);
  return {
    name: type.name,
    label: type.label,
    ...(described === undefined || described.text === '' ? {} : { description: described.text }),
    links: described?.links ?? [],
    inputs: type.inputs.map(toTypeInput),
  };
}

/** Every word of the query must appear in the label or the name; sorted by label. */
export function searchTypes(
  types: readonly CredentialTypeEntry[],
  query: string | undefined,
): CredentialTypeEntry[] {
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const found = types.filter((t) => {
    const haystack = `${t.label} ${t.name}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  return found.sort((a, b) => a.label.localeCompare(b.label));
}
