// The master password asked again inside a form: a password input (so it stays uncontrolled, see
// Field) that the password manager fills as the current password.
import type { ReactNode } from 'react';

import { Field } from './Field.js';

export function MasterPasswordField({
  value,
  onValueChange,
  hint,
}: {
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
}) {
  return (
    <Field
      label="Master password"
      type="password"
      autoComplete="current-password"
      value={value}
      onValueChange={onValueChange}
      {...(hint === undefined ? {} : { hint })}
    />
  );
}
