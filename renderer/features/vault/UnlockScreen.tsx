// Unlock with the master password or the OS keychain. The typed password is cleared on submit;
// only after a rollback refusal is it held (in component state) for "Open older vault anyway".
import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';

import type { VaultStatus } from '../../../common/ipc/schemas/vault.js';
import { useVaultStore } from '../../stores/stores-context.js';
import type { VaultAction } from '../../stores/vault-store.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { lockReasonText } from './lock-reason.js';
import { UnlockAlert } from './UnlockAlert.js';
import { UnlockWait, useWaitLeft } from './UnlockWait.js';
import { VaultScreen } from './VaultScreen.js';

const OWN_ACTIONS: readonly VaultAction[] = ['unlock', 'unlockWithKeychain', 'restoreBackup'];

const RESTORED_NOTE =
  'The damaged file was kept aside and the backup is ready. Enter the master password the ' +
  'backup was saved with.';

export function UnlockScreen({ status }: { status: VaultStatus }) {
  const store = useVaultStore((s) => s);
  const error =
    store.error !== null && OWN_ACTIONS.includes(store.error.action) ? store.error : null;
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  const [heldForRollback, setHeldForRollback] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const notice = restored ? RESTORED_NOTE : lockReasonText(status.lastLockReason);
  const keychain = status.keychain.enabled && status.keychain.available;
  const told = error?.details?.retryInMs;
  const left = useWaitLeft(typeof told === 'number' ? told : status.retryInMs);

  async function attempt(given: string, allowRollback: boolean) {
    setHeldForRollback(null);
    const failure = await store.unlock(given, { allowRollback });
    if (failure?.code === 'vault_rollback' && !allowRollback) setHeldForRollback(given);
    else if (failure !== null) inputRef.current?.focus();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') {
      setEmpty(true);
      inputRef.current?.focus();
      return;
    }
    const given = password;
    setPassword('');
    setEmpty(false);
    void attempt(given, false);
  }

  async function openBackup() {
    if ((await store.restoreBackup()) === null) {
      setRestored(true);
      inputRef.current?.focus();
    }
  }

  return (
    <VaultScreen title="Unlock your vault">
      <div role="status" className="notice">
        {notice === null ? null : <p>{notice}</p>}
      </div>
      <form className="stack" noValidate onSubmit={submit}>
        <Field
          label="Master password"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          onValueChange={setPassword}
          inputRef={inputRef}
          error={empty ? 'Enter your master password.' : null}
        />
        {error === null ? null : (
          <UnlockAlert
            error={error}
            busy={store.busy}
            canOpenOlder={heldForRollback !== null}
            onOpenBackup={() => void openBackup()}
            onOpenOlder={() => {
              if (heldForRollback !== null) void attempt(heldForRollback, true);
            }}
          />
        )}
        <UnlockWait left={left} />
        <div className="row">
          <Button type="submit" variant="primary" disabled={store.busy || left > 0}>
            Unlock
          </Button>
          {keychain ? (
            <Button disabled={store.busy} onClick={() => void store.unlockWithKeychain()}>
              Unlock with system keychain
            </Button>
          ) : null}
        </div>
      </form>
      <p className="muted small">Vault file: {status.path}</p>
    </VaultScreen>
  );
}
