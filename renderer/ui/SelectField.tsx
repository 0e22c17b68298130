// A labelled native select: the platform's own keyboard and screen reader behaviour, an optional
// blank first choice, and hint and error tied like Field's.
import { useId } from 'react';
import type { ReactNode } from 'react';

import { fieldNotes } from './field-notes.js';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onValueChange: (value: string) => void;
  /** The words of a first choice with the value '', e.g. "All types" or "Not set". */
  blankLabel?: string;
  /** With a blankLabel: the blank choice goes once a value is chosen, as it cannot be unset. */
  required?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
}

export function SelectField({
  label,
  value,
  options,
  onValueChange,
  blankLabel,
  required,
  hint,
  error,
}: SelectFieldProps) {
  const id = useId();
  const { aria, notes } = fieldNotes(id, hint, error);
  const blank = blankLabel !== undefined && !(required === true && value !== '');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        {...aria}
        onChange={(event) => {
          onValueChange(event.currentTarget.value);
        }}
      >
        {blank ? <option value="">{blankLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}
