// Asks for the master password again when main says the last unlock is too long ago. The password
// stays in this dialog's input (uncontrolled, see Field) and goes straight into the retried call.
import { useState } from 'react';

import { Alert } from './Alert.js';
import { Button } from './Button.js';
import { Dialog, DialogClose } from './Dialog.js';
import { Field } from './Field.js';

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
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setPassword('');
    setFailure(null);
    props.onClose();
  };

  async function submit() {
    setBusy(true);
    const error = await props.onSubmit(password);
    setBusy(false);
    setPassword('');
    if (error === null) close();
    else setFailure(error);
  }

  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) close();
      }}
      title="Enter the master password"
      description={props.description}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {failure === null ? null : (
          <Alert>
            <p>{failure}</p>
          </Alert>
        )}
        <Field
          label="Master password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
        />
        <div className="row row-end">
          <DialogClose>Cancel</DialogClose>
          <Button type="submit" variant="primary" disabled={busy || password === ''}>
            {props.submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
