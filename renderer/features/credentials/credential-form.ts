// The typed form's values and what a submit sends. Values are text or on/off as the inputs show
// them; main checks and converts them against the type. For an edit, a secret is sent only when
// the person typed a new one, and any other field only when it differs from what is stored.
import type {
  CredentialTypeEntry,
  CredentialTypeInput,
  FieldInput,
  FieldValue,
} from '../../../common/ipc/schemas/credentials.js';

export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

/** The inputs a person fills in; hidden ones keep their default and are not shown. */
export const visibleInputs = (type: CredentialTypeEntry): CredentialTypeInput[] =>
  type.inputs.filter((i) => i.hidden !== true);

const blankOf = (input: CredentialTypeInput): FormValue => (input.type === 'boolean' ? false : '');

function fromDefault(input: CredentialTypeInput): FormValue {
  const value = input.default;
  if (value === undefined) return blankOf(input);
  if (input.type === 'boolean') return value === true || value === 'true';
  return String(value);
}

/** A new credential's form: each input's default, or blank. Secrets always start blank. */
export function initialValues(type: CredentialTypeEntry): FormValues {
  return Object.fromEntries(
    visibleInputs(type).map((i) => [i.name, i.secret ? '' : fromDefault(i)]),
  );
}

function fromStored(input: CredentialTypeInput, stored: FieldValue | undefined): FormValue {
  if (stored === undefined || stored.kind !== 'value') return blankOf(input);
  if (input.type === 'boolean') return stored.value === true || stored.value === 'true';
  return String(stored.value);
}

/** An edit form: stored plain values; secrets and masked addresses blank until typed over. */
export function storedValues(
  type: CredentialTypeEntry,
  fields: Record<string, FieldValue>,
): FormValues {
  return Object.fromEntries(
    visibleInputs(type).map((i) => [i.name, fromStored(i, fields[i.name])]),
  );
}

/** What a create sends: every field that holds something (main fills in defaults). */
export function dataToCreate(
  type: CredentialTypeEntry,
  values: FormValues,
): Record<string, FieldInput> {
  const data: Record<string, FieldInput> = {};
  for (const input of visibleInputs(type)) {
    const value = values[input.name];
    if (value === undefined || value === '') continue;
    if (input.type === 'boolean' && value === false && input.default === undefined) continue;
    data[input.name] = value;
  }
  return data;
}

/** What an edit sends: typed secrets, and other fields whose value differs from the stored one. */
export function changesToSend(
  type: CredentialTypeEntry,
  initial: FormValues,
  values: FormValues,
  fields: Record<string, FieldValue>,
): Record<string, FieldInput> {
  const changes: Record<string, FieldInput> = {};
  for (const input of visibleInputs(type)) {
    const value = values[input.name];
    if (value === undefined) continue;
    const hidden = fields[input.name]?.kind === 'secret' || fields[input.name]?.kind === 'masked';
    // A blank secret or masked address means "keep what is stored", never "empty it".
    if ((input.secret || hidden) && value === '') continue;
    if (!input.secret && !hidden && value === initial[input.name]) continue;
    changes[input.name] = value;
  }
  return changes;
}

/**
 * The required inputs left blank, which main would refuse (credential-validation.ts): in a new
 * credential those without a default (main fills a default in); in an edit those emptied, since a
 * blank secret or masked address there keeps what is stored, and an untouched blank sends nothing.
 */
export function missingRequired(
  type: CredentialTypeEntry,
  values: FormValues,
  edit?: { initial: FormValues; fields: Record<string, FieldValue> },
): Set<string> {
  const missing = visibleInputs(type).filter((input) => {
    const value = values[input.name];
    if (input.optional || typeof value !== 'string' || value.trim() !== '') return false;
    if (edit === undefined) return input.default === undefined;
    const kind = edit.fields[input.name]?.kind;
    if (input.secret || kind === 'secret' || kind === 'masked') return false;
    return value !== edit.initial[input.name];
  });
  return new Set(missing.map((input) => input.name));
}

/** The inputs main named in a refusal ("fields": "a,b"), to mark them invalid. */
export function fieldsNamed(details: Readonly<Record<string, unknown>> | undefined): Set<string> {
  const fields = details?.fields;
  return new Set(typeof fields === 'string' ? fields.split(',').filter(Boolean) : []);
}
