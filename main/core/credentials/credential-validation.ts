// Checks what a person typed against the credential type's inputs before anything is sent: Flowise
// stores whatever it is given, so a wrong port or broken JSON would only fail later, inside a flow.
// Messages name the field's label and never quote a value (a secret may be in the wrong field).
import { AppError } from '../../../common/errors.js';
import type {
  CredentialTypeEntry,
  CredentialTypeInput,
  FieldInput,
  FieldValue,
} from '../../../common/ipc/schemas/credentials.js';
import { isRedactedValue } from '../flowise/credentials-api.js';

type Checked = { ok: true; value: string | boolean } | { ok: false; problem: string };

const fail = (problem: string): Checked => ({ ok: false, problem });
const ok = (value: string | boolean): Checked => ({ ok: true, value });

function asNumber(label: string, value: FieldInput): Checked {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (text.trim() === '')
    return typeof value === 'string' ? ok('') : fail(`${label} must be a number`);
  // Flowise's own form sends numbers as text, and the nodes parse them; the same is sent here.
  return Number.isFinite(Number(text)) ? ok(text.trim()) : fail(`${label} must be a number`);
}

function asBoolean(label: string, value: FieldInput): Checked {
  if (typeof value === 'boolean') return ok(value);
  if (value === 'true' || value === 'false') return ok(value === 'true');
  return fail(`${label} must be on or off (true or false)`);
}

function asUrl(label: string, value: string): Checked {
  if (value.trim() === '') return ok('');
  try {
    new URL(value.trim());
    return ok(value.trim());
  } catch {
    return fail(`${label} must be a full address with its scheme, such as https://… or redis://…`);
  }
}

function asOption(input: CredentialTypeInput, value: string): Checked {
  const options = input.options ?? [];
  const match = options.find((o) => o.name === value) ?? options.find((o) => o.label === value);
  if (match !== undefined) return ok(match.name);
  if (value === '') return ok('');
  return fail(`${input.label} must be one of: ${options.map((o) => o.label).join(', ')}`);
}

function asJson(label: string, value: string): Checked {
  if (value.trim() === '') return ok('');
  try {
    JSON.parse(value);
    return ok(value.trim());
  } catch {
    return fail(`${label} is not valid JSON`);
  }
}

export function checkValue(input: CredentialTypeInput, value: FieldInput): Checked {
  if (isRedactedValue(value))
    return fail(
      `${input.label} still holds the hidden placeholder, not a value; type the real one`,
    );
  if (input.type === 'number') return asNumber(input.label, value);
  if (input.type === 'boolean') return asBoolean(input.label, value);
  if (typeof value !== 'string') {
    if (input.type === 'other') return ok(String(value));
    return fail(`${input.label} must be text`);
  }
  if (input.type === 'url') return asUrl(input.label, value);
  if (input.type === 'options') return asOption(input, value);
  if (input.type === 'json') return asJson(input.label, value);
  return ok(value);
}

const isEmpty = (value: unknown): boolean => value === undefined || value === '';
const isRequired = (input: CredentialTypeInput): boolean =>
  !input.optional && input.hidden !== true;

function refuse(problems: readonly string[], fields: readonly string[]): never {
  const list = problems.join('; ');
  throw new AppError(
    'bad_request',
    `Check ${problems.length === 1 ? 'this field' : 'these fields'}: ${list}.`,
    { fields: fields.join(',') },
  );
}

interface Collected {
  values: Record<string, string | boolean>;
  problems: string[];
  fields: string[];
}

function collect(type: CredentialTypeEntry, data: Record<string, FieldInput>): Collected {
  const inputs = new Map(type.inputs.map((i) => [i.name, i]));
  const out: Collected = { values: {}, problems: [], fields: [] };
  for (const [name, value] of Object.entries(data)) {
    const input = inputs.get(name);
    const checked: Checked =
      input === undefined
        ? fail(`${name} is not a field of ${type.label}`)
        : checkValue(input, value);
    if (checked.ok) out.values[name] = checked.value;
    else {
      out.problems.push(checked.problem);
      out.fields.push(name);
    }
  }
  return out;
}

/** The data to create with: checked, converted, defaults filled in as Flowise's form does. */
export function checkNewData(
  type: CredentialTypeEntry,
  data: Record<string, FieldInput>,
): Record<string, string | boolean> {
  const withDefaults: Record<string, FieldInput> = { ...data };
  for (const input of type.inputs)
    if (withDefaults[input.name] === undefined && input.default !== undefined)
      withDefaults[input.name] = input.default;
  const { values, problems, fields } = collect(type, withDefaults);
  for (const input of type.inputs)
    if (isRequired(input) && isEmpty(values[input.name]) && !fields.includes(input.name)) {
      problems.push(`${input.label} is required`);
      fields.push(input.name);
    }
  if (problems.length > 0) refuse(problems, fields);
  return values;
}

function sameValue(current: FieldValue | undefined, next: string | boolean): boolean {
  if (current?.kind !== 'value') return false;
  return typeof next === 'boolean' ? current.value === next : String(current.value) === next;
}

/** Only what differs from what is stored; secrets and masked urls always count as changed. */
export function checkChanges(
  type: CredentialTypeEntry,
  changes: Record<string, FieldInput>,
  current: Record<string, FieldValue>,
): Record<string, string | boolean> {
  const { values, problems, fields } = collect(type, changes);
  for (const input of type.inputs)
    if (input.name in values && isRequired(input) && isEmpty(values[input.name])) {
      problems.push(`${input.label} is required and cannot be emptied`);
      fields.push(input.name);
    }
  if (problems.length > 0) refuse(problems, fields);
  return Object.fromEntries(
    Object.entries(values).filter(([name, value]) => !sameValue(current[name], value)),
  );
}
