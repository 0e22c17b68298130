// The fake's stand-in for main's credential validation: the same kinds of problems, worded the same
// way ("Check this field: …", details.fields listing the inputs), so forms can be tested on them.
import { AppError } from '../../common/errors.js';
import type {
  CredentialTypeEntry,
  CredentialTypeInput,
  FieldInput,
} from '../../common/ipc/schemas/credentials.js';

type Checked = { ok: true; value: string | boolean } | { ok: false; problem: string };

function check(input: CredentialTypeInput, value: FieldInput): Checked {
  if (typeof value === 'string' && value.startsWith('_FLOWISE_BLANK_'))
    return { ok: false, problem: `${input.label} still holds the hidden placeholder` };
  if (input.type === 'boolean')
    return typeof value === 'boolean' || value === 'true' || value === 'false'
      ? { ok: true, value: value === true || value === 'true' }
      : { ok: false, problem: `${input.label} must be on or off (true or false)` };
  const text = String(value).trim();
  if (input.type === 'number' && text !== '' && !Number.isFinite(Number(text)))
    return { ok: false, problem: `${input.label} must be a number` };
  if (input.type === 'json' && text !== '') {
    try {
      JSON.parse(text);
    } catch {
      return { ok: false, problem: `${input.label} is not valid JSON` };
    }
  }
  if (input.type === 'url' && text !== '' && !URL.canParse(text))
    return { ok: false, problem: `${input.label} must be a full address with its scheme` };
  return { ok: true, value: input.secret ? String(value) : text };
}

function collect(
  type: CredentialTypeEntry,
  data: Record<string, FieldInput>,
  required: (input: CredentialTypeInput, value: string | boolean | undefined) => boolean,
): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  const problems: string[] = [];
  const fields: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const input = type.inputs.find((i) => i.name === name);
    const checked: Checked =
      input === undefined
        ? { ok: false, problem: `${name} is not a field of ${type.label}` }
        : check(input, value);
    if (checked.ok) values[name] = checked.value;
    else {
      problems.push(checked.problem);
      fields.push(name);
    }
  }
  for (const input of type.inputs)
    if (!fields.includes(input.name) && required(input, values[input.name])) {
      problems.push(`${input.label} is required`);
      fields.push(input.name);
    }
  if (problems.length > 0)
    throw new AppError(
      'bad_request',
      `Check ${problems.length === 1 ? 'this field' : 'these fields'}: ${problems.join('; ')}.`,
      { fields: fields.join(',') },
    );
  return values;
}

const blank = (value: string | boolean | undefined): boolean => value === undefined || value === '';

export function checkFakeData(
  type: CredentialTypeEntry,
  data: Record<string, FieldInput>,
): Record<string, string | boolean> {
  const withDefaults: Record<string, FieldInput> = { ...data };
  for (const input of type.inputs)
    if (withDefaults[input.name] === undefined && input.default !== undefined)
      withDefaults[input.name] = input.default;
  return collect(type, withDefaults, (input, value) => !input.optional && blank(value));
}

export function checkFakeChanges(
  type: CredentialTypeEntry,
  changes: Record<string, FieldInput>,
): Record<string, string | boolean> {
  return collect(
    type,
    changes,
    (input, value) => !input.optional && input.name in changes && blank(value),
  );
}
