// The fields of one credential type, each drawn for its input type. Secrets are password inputs,
// which Field keeps uncontrolled so their value never lands in a DOM attribute. In an edit, a
// stored secret says so and stays untouched unless the person types a new one.
import type {
  CredentialTypeEntry,
  CredentialTypeInput,
  FieldValue,
} from '../../../common/ipc/schemas/credentials.js';
import { CheckboxField, Field } from '../../ui/Field.js';
import { SelectField } from '../../ui/SelectField.js';
import { TextAreaField } from '../../ui/TextAreaField.js';
import type { FormValue, FormValues } from './credential-form.js';
import { visibleInputs } from './credential-form.js';

export interface CredentialFieldsProps {
  type: CredentialTypeEntry;
  values: FormValues;
  onChange: (name: string, value: FormValue) => void;
  /** What is stored, in an edit. */
  stored?: Record<string, FieldValue>;
  /** Inputs main refused, marked invalid. */
  invalid: ReadonlySet<string>;
  /** Required inputs left blank, named as such. */
  missing: ReadonlySet<string>;
}

function hintFor(input: CredentialTypeInput, stored: FieldValue | undefined): string | undefined {
  const parts: string[] = [];
  if (stored?.kind === 'secret' && stored.set) parts.push('Set — type to replace.');
  if (stored?.kind === 'masked') parts.push(`Stored: ${stored.display} — type to replace.`);
  if (input.description !== undefined) parts.push(input.description);
  return parts.length === 0 ? undefined : parts.join(' ');
}

function OneField({
  input,
  value,
  onChange,
  stored,
  invalid,
  missing,
}: {
  input: CredentialTypeInput;
  value: FormValue;
  onChange: (value: FormValue) => void;
  stored: FieldValue | undefined;
  invalid: boolean;
  missing: boolean;
}) {
  const label = input.optional ? `${input.label} (optional)` : input.label;
  const hint = hintFor(input, stored);
  const error = missing
    ? `${input.label} is required.`
    : invalid
      ? `Check ${input.label}.`
      : undefined;
  const common = { label, ...(hint === undefined ? {} : { hint }), error };
  if (input.type === 'boolean')
    return (
      <CheckboxField
        label={label}
        checked={value === true}
        onCheckedChange={onChange}
        {...(hint === undefined ? {} : { hint })}
      />
    );
  const text = typeof value === 'string' ? value : String(value);
  if (input.type === 'options')
    return (
      <SelectField
        {...common}
        value={text}
        options={(input.options ?? []).map((o) => ({ value: o.name, label: o.label }))}
        blankLabel="Not set"
        required={!input.optional}
        onValueChange={onChange}
      />
    );
  if (input.type === 'json' || (input.rows !== undefined && !input.secret))
    return (
      <TextAreaField
        {...common}
        value={text}
        rows={input.rows ?? 4}
        spellCheck={false}
        placeholder={input.placeholder}
        onValueChange={onChange}
      />
    );
  return (
    <Field
      {...common}
      value={text}
      type={input.secret ? 'password' : input.type === 'url' ? 'url' : 'text'}
      inputMode={input.type === 'number' ? 'decimal' : undefined}
      autoComplete="off"
      spellCheck={false}
      placeholder={input.secret ? undefined : input.placeholder}
      onValueChange={onChange}
    />
  );
}

export function CredentialFields({
  type,
  values,
  onChange,
  stored,
  invalid,
  missing,
}: CredentialFieldsProps) {
  return (
    <>
      {visibleInputs(type).map((input) => (
        <OneField
          key={input.name}
          input={input}
          value={values[input.name] ?? ''}
          stored={stored?.[input.name]}
          invalid={invalid.has(input.name)}
          missing={missing.has(input.name)}
          onChange={(value) => {
            onChange(input.name, value);
          }}
        />
      ))}
    </>
  );
}
