// No vault file, but earlier files of one are next to where it should be: a vanished file is far
// more often an accident than a wish to start over, so restoring comes first and a new vault needs
// a deliberate second step (the old files are then moved aside by main, never deleted).
import { useState } from 'react';

import type { VaultStatus } from '../../../common/ipc/schemas/vault.js';
import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CreateVaultScreen } from './CreateVaultScreen.js';
import { VaultScreen } from './VaultScreen.js';

export function MissingVaultScreen({ status }: { status: VaultStatus }) {
  const restoreBackup = useVaultStore((s) => s.restoreBackup);
  const busy = useVaultStore((s) => s.busy);
  const error = useVaultStore((s) => (s.error?.action === 'restoreBackup' ? s.error : null));
  const [creating, setCreating] = useState(false);

  if (creating) return <CreateVaultScreen replaceLeftovers />;
  return (
    <VaultScreen title="Your vault file is missing">
      <p>
        There is no vault file at <span className="mono">{status.path}</span>, but earlier files of
        a vault are next to it:
      </p>
      <ul className="mono small">
        {(status.leftovers ?? []).map((path) => (
          <li key={path}>{path}</li>
        ))}
      </ul>
      {status.backupAvailable ? (
        <p>Restoring puts the backup (the save before the last) back in place.</p>
      ) : (
        <p>
          None of them is a backup this app can restore. To try one, quit the app and rename it to{' '}
          {status.path}.
        </p>
      )}
      {error === null ? null : <Alert>{error.message}</Alert>}
      <div className="row">
        {status.backupAvailable ? (
          <Button variant="primary" disabled={busy} onClick={() => void restoreBackup()}>
            Restore from backup
          </Button>
        ) : null}
        <Button
          disabled={busy}
          onClick={() => {
            setCreating(true);
          }}
        >
          Create a new vault instead
        </Button>
      </div>
    </VaultScreen>
  );
}
