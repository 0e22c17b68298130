// The unlock screen's error, with the way out that fits it: open the backup of a damaged file,
// or open an older file on purpose.
import type { StoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';

/** The file's own date and save number, in the person's locale. */
function FileSaved({ details }: { details: StoreError['details'] }) {
  const updatedAt = details?.updatedAt;
  const counter = details?.counter;
  if (typeof updatedAt !== 'number' || typeof counter !== 'number') return null;
  return (
    <p>
      This file was saved {new Date(updatedAt).toLocaleString()} (save #{counter}).
    </p>
  );
}

export interface UnlockAlertProps {
  error: StoreError;
  busy: boolean;
  /** Offered when the password that met the rollback is still held by the screen. */
  canOpenOlder: boolean;
  onOpenBackup: () => void;
  onOpenOlder: () => void;
}

export function UnlockAlert({
  error,
  busy,
  canOpenOlder,
  onOpenBackup,
  onOpenOlder,
}: UnlockAlertProps) {
  const damaged = error.code === 'vault_corrupt' || error.code === 'vault_tampered';
  if (damaged && error.details?.backupAvailable === true) {
    return (
      <Alert
        actions={
          <Button variant="primary" disabled={busy} onClick={onOpenBackup}>
            Open backup
          </Button>
        }
      >
        <p>{error.message}</p>
        <p>Opening the backup keeps the damaged file aside; nothing is deleted.</p>
      </Alert>
    );
  }
  if (error.code === 'vault_rollback') {
    const unverified = error.details?.unverified === true;
    return (
      <Alert
        actions={
          canOpenOlder ? (
            <Button variant="danger" disabled={busy} onClick={onOpenOlder}>
              {unverified ? 'Open this vault anyway' : 'Open older vault anyway'}
            </Button>
          ) : undefined
        }
      >
        <p>{error.message}</p>
        <FileSaved details={error.details} />
        <p>
          {unverified
            ? 'If you expected none of these, keep it closed and look for the newest copy of the vault file.'
            : 'Changes saved after this copy are not in it. If you did not restore it yourself, keep it closed and look for the newest copy of the vault file.'}
        </p>
      </Alert>
    );
  }
  return (
    <Alert>
      <p>{error.message}</p>
    </Alert>
  );
}
