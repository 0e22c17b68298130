// A labelled multi-line field, tied to its hint and error like Field.
import { useId } from 'react';
import type { ReactNode, RefObject, TextareaHTMLAttributes } from 'react';

import { fieldNotes } from './field-notes.js';

type NativeProps = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'value' | 'defaultValue' | 'onChange' | 'children' | 'ref'
>;

export interface TextAreaFieldProps extends NativeProps {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null | undefined;
  textAreaRef?: RefObject<HTMLTextAreaElement | null>;
}

export function TextAreaField({
  label,
  value,
  onValueChange,
  hint,
  error,
  textAreaRef,
  ...textarea
}: TextAreaFieldProps) {
  const id = useId();
  const { aria, notes } = fieldNotes(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        {...textarea}
        ref={textAreaRef}
        id={id}
        value={value}
        onChange={(event) => {
          onValueChange(event.currentTarget.value);
        }}
        {...aria}
      />
      {notes}
    </div>
  );
}
