// A labelled native select for an options input: the platform's own keyboard and screen reader
// behaviour, a blank choice when the input is optional, and errors tied like Field's.
import { useId } from 'react';
import type { ReactNode } from 'react';

import { fieldNotes } from '../../ui/field-notes.js';

export interface OptionsFieldProps {
  label: string;
  value: string;
  options: readonly { label: string; name: string }[];
  onValueChange: (value: string) => void;
  /** Without it, a "not set" choice comes first. */
  required?: boolean;
  /** The words of the blank choice; "Not set" unless told. */
  blankLabel?: string;
  hint?: ReactNode;
  error?: string | undefined;
}

export function OptionsField({
  label,
  value,
  options,
  onValueChange,
  required,
  blankLabel = 'Not set',
  hint,
  error,
}: OptionsFieldProps) {
  const id = useId();
  const { aria, notes } = fieldNotes(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="credential-select"
        value={value}
        {...aria}
        onChange={(event) => {
          onValueChange(event.currentTarget.value);
        }}
      >
        {required === true && value !== '' ? null : <option value="">{blankLabel}</option>}
        {options.map((option) => (
          <option key={option.name} value={option.name}>
            {option.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}
