// First run: choose the master password. Both fields live in component state only and are
// cleared once the form is sent.
import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';

import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { RestoreBackupDialog } from './RestoreBackupDialog.js';
import { newPasswordProblems } from './new-password-problems.js';
import { StrengthHint } from './StrengthHint.js';
import { VaultScreen } from './VaultScreen.js';

/** `replaceLeftovers`: earlier vault files are next to the missing vault, and the person chose to
 * start over; main moves them into a dated folder first. */
export function CreateVaultScreen({ replaceLeftovers = false }: { replaceLeftovers?: boolean }) {
  const create = useVaultStore((s) => s.create);
  const busy = useVaultStore((s) => s.busy);
  const error = useVaultStore((s) => (s.error?.action === 'create' ? s.error : null));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const errors = newPasswordProblems(password, confirm, tried);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const strict = newPasswordProblems(password, confirm, true);
    if (strict.password !== null || strict.confirm !== null) {
      setTried(true);
      (strict.password === null ? confirmRef : passwordRef).current?.focus();
      return;
    }
    const chosen = password;
    setPassword('');
    setConfirm('');
    setTried(false);
    if ((await create(chosen, { replaceLeftovers })) !== null) passwordRef.current?.focus();
  }

  return (
    <VaultScreen title="Create your vault">
      <p>
        Choose a master password. It encrypts everything in the vault and cannot be recovered: if
        you forget it, nobody can open the vault.
      </p>
      {replaceLeftovers ? (
        <p>
          The earlier vault files will be moved into a dated folder next to the new vault; nothing
          is deleted.
        </p>
      ) : null}
      <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          label="Master password"
          type="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onValueChange={setPassword}
          inputRef={passwordRef}
          hint={<StrengthHint password={password} />}
          error={errors.password}
        />
        <Field
          label="Confirm master password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValueChange={setConfirm}
          inputRef={confirmRef}
          error={errors.confirm}
        />
        {error === null ? null : <Alert>{error.message}</Alert>}
        <Button type="submit" variant="primary" disabled={busy}>
          Create vault
        </Button>
      </form>
      <p>Moving from another machine? Make this vault from its encrypted backup instead.</p>
      <Button
        onClick={() => {
          setRestoring(true);
        }}
      >
        Restore from a backup
      </Button>
      <RestoreBackupDialog
        open={restoring}
        onClose={() => {
          setRestoring(false);
        }}
      />
    </VaultScreen>
  );
}
