// Asks for the master password again when main says the last unlock is too long ago. The password
// stays in this dialog's input (uncontrolled, see Field) and goes straight into the retried call.
import { useState } from 'react';

import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';

export interface ReauthDialogProps {
  /** What is about to be copied; the dialog is open while set. */
  label: string | null;
  /** Main's explanation of why it asks. */
  reason: string;
  /** Resolves to an error message, or null once the copy went through. */
  onSubmit: (password: string) => Promise<string | null>;
  onClose: () => void;
}

export function ReauthDialog({ label, reason, onSubmit, onClose }: ReauthDialogProps) {
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setPassword('');
    setFailure(null);
    onClose();
  };

  async function submit() {
    setBusy(true);
    const error = await onSubmit(password);
    setBusy(false);
    setPassword('');
    if (error === null) close();
    else setFailure(error);
  }

  return (
    <Dialog
      open={label !== null}
      onOpenChange={(open) => {
        if (!open) close();
      }}
      title="Enter the master password"
      description={`${reason} It is needed to copy ${label ?? ''}.`}
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
            Copy
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
