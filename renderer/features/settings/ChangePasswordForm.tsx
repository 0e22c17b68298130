// The body of the change-password dialog. Its three passwords live only here: closing the
// dialog, or a lock, unmounts the form and drops them.
import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';

import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { MIN_PASSWORD_LENGTH } from '../../../common/password-strength.js';
import { NewPasswordFields } from '../vault/NewPasswordFields.js';

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const changePassword = useVaultStore((s) => s.changePassword);
  const busy = useVaultStore((s) => s.busy);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const currentRef = useRef<HTMLInputElement>(null);

  const missingCurrent = tried && current === '';

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (current === '' || Array.from(next).length < MIN_PASSWORD_LENGTH || confirm !== next) {
      setTried(true);
      return;
    }
    const given = { current, next };
    setCurrent('');
    setFailure(null);
    const error = await changePassword(given.current, given.next);
    if (error === null) {
      setNext('');
      setConfirm('');
      onChanged();
      return;
    }
    setFailure(error.message);
    currentRef.current?.focus();
  }

  return (
    <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
      <Field
        label="Current master password"
        type="password"
        autoComplete="current-password"
        value={current}
        onValueChange={setCurrent}
        inputRef={currentRef}
        error={missingCurrent ? 'Enter your current master password.' : null}
      />
      <NewPasswordFields
        password={next}
        confirm={confirm}
        onPasswordChange={setNext}
        onConfirmChange={setConfirm}
        strict={tried}
      />
      {failure === null ? null : <Alert>{failure}</Alert>}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button type="submit" variant="primary" disabled={busy}>
          Change password
        </Button>
      </div>
    </form>
  );
}
