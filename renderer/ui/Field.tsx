// Label, input, hint and error, tied together with htmlFor and aria-describedby.
import { useEffect, useId, useRef } from 'react';
import type { InputHTMLAttributes, ReactNode, RefObject } from 'react';

import { fieldNotes } from './field-notes.js';

type NativeInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'defaultValue' | 'onChange' | 'children' | 'checked' | 'ref'
>;

export interface FieldProps extends NativeInputProps {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  /** Shown, and marks the input invalid, when not empty. */
  error?: string | null | undefined;
  inputRef?: RefObject<HTMLInputElement | null>;
}

export function Field({
  label,
  value,
  onValueChange,
  hint,
  error,
  inputRef,
  ...input
}: FieldProps) {
  const id = useId();
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;
  const secret = input.type === 'password';
  const { aria, notes } = fieldNotes(id, hint, error);

  // A password input stays uncontrolled: React would otherwise mirror the value into the
  // input's value attribute, where anything that serialises the page could read it. Clearing
  // the value in state clears the input.
  useEffect(() => {
    const node = ref.current;
    if (secret && value === '' && node !== null && node.value !== '') node.value = '';
  }, [ref, secret, value]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        ref={ref}
        id={id}
        {...(secret ? {} : { value })}
        onChange={(event) => {
          onValueChange(event.currentTarget.value);
        }}
        {...aria}
      />
      {notes}
    </div>
  );
}

export interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
  /** An on/off setting rather than a choice: screen readers then say "switch, on". */
  asSwitch?: boolean;
}

export function CheckboxField({
  label,
  checked,
  onCheckedChange,
  hint,
  disabled,
  asSwitch,
}: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field field-check">
      <input
        type="checkbox"
        role={asSwitch === true ? 'switch' : undefined}
        id={id}
        checked={checked}
        disabled={disabled}
        onChange={(event) => {
          onCheckedChange(event.currentTarget.checked);
        }}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
      />
      <label htmlFor={id}>{label}</label>
      {hint === undefined ? null : (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}
