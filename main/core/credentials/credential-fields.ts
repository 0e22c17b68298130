// What the edit form may see of a stored credential. Secret inputs become `{ kind: 'secret', set }`
// whatever the server sent; an address that carries a password keeps its shape with the password
// hidden (servers before 3.1.3 declare such a field a plain string and send it in clear); a field
// the type does not declare is treated as a secret.
import type {
  CredentialTypeEntry,
  CredentialTypeInput,
  FieldValue,
} from '../../../common/ipc/schemas/credentials.js';
import { isRedactedValue } from '../flowise/credentials-api.js';

const HIDDEN = '••••••';

/** The url with its password part replaced, or undefined when it has none. */
export function maskUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.password === '') return undefined;
  url.password = 'FKV_MASKED';
  return url.toString().replace('FKV_MASKED', HIDDEN);
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

function plainValue(value: unknown): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return JSON.stringify(value);
}

export function fieldValue(input: CredentialTypeInput | undefined, value: unknown): FieldValue {
  if (input === undefined || input.secret || (isRedactedValue(value) && input.type !== 'url'))
    return { kind: 'secret', set: isSet(value) };
  if (input.type === 'url' && typeof value === 'string' && value.includes('••'))
    return { kind: 'masked', display: value };
  // Before 3.1.3 a URL secret is declared a plain string and sent in clear: any address that
  // carries a password keeps its shape with the password hidden, whatever its declared type.
  if ((input.type === 'url' || input.type === 'string') && typeof value === 'string') {
    const masked = maskUrl(value);
    return masked === undefined ? { kind: 'value', value } : { kind: 'masked', display: masked };
  }
  return { kind: 'value', value: plainValue(value) };
}

/** Every stored field, by name; secrets only as whether they are set. */
export function fieldsForEdit(
  stored: Record<string, unknown>,
  type: CredentialTypeEntry | undefined,
): Record<string, FieldValue> {
  const inputs = new Map((type?.inputs ?? []).map((input) => [input.name, input]));
  const fields: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(stored)) {
    if (value === undefined || value === null) continue;
    fields[name] = fieldValue(inputs.get(name), value);
  }
  return fields;
}
