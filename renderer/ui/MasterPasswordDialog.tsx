// Asks for the master password again when main says the last unlock is too long ago. The password
// stays in this dialog's input (uncontrolled, see Field) and goes straight into the retried call.
import { useState } from 'react';

import { Dialog } from './Dialog.js';
import { DialogForm, useFormAction } from './DialogForm.js';
import { MasterPasswordField } from './MasterPasswordField.js';

export interface MasterPasswordDialogProps {
  open: boolean;
  /** Main's explanation of why it asks, and what the password is needed for. */
  description: string;
  /** The button that retries the call, e.g. "Copy". */
  submitLabel: string;
  /** Resolves to an error message, or null once the retried call went through. */
  onSubmit: (password: string) => Promise<string | null>;
  onClose: () => void;
}

export function MasterPasswordDialog(props: MasterPasswordDialogProps) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title="Enter the master password"
      description={props.description}
    >
      {/* Mounted only while open, so closing drops the password and the last failure. */}
      {props.open ? <PasswordForm {...props} /> : null}
    </Dialog>
  );
}

function PasswordForm({ submitLabel, onSubmit, onClose }: MasterPasswordDialogProps) {
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useFormAction();
  return (
    <DialogForm
      failure={failure}
      submitLabel={submitLabel}
      submitDisabled={busy || password === ''}
      onSubmit={() =>
        void run(async () => {
          const error = await onSubmit(password);
          setPassword('');
          if (error === null) onClose();
          return error;
        })
      }
    >
      <MasterPasswordField value={password} onValueChange={setPassword} />
    </DialogForm>
  );
}
