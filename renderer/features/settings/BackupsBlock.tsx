// The automatic local backups: the vault file of each of the last saves, kept beside it and sealed
// as it was. Restoring one puts it in place of the vault and locks; the unlock screen then names
// its date and save number and asks before the older vault opens (the rollback prompt).
import { useState } from 'react';

import type { VaultGeneration } from '../../../common/ipc/schemas/vault.js';
import { useApi } from '../../api/api-context.js';
import { attempt } from '../../stores/store-kit.js';
import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';

const savedOn = (g: VaultGeneration): string =>
  `${new Date(g.savedAt).toLocaleString()} (save #${String(g.counter)})`;

export function BackupsBlock() {
  const api = useApi();
  const restore = useVaultStore((s) => s.restoreGeneration);
  const busy = useVaultStore((s) => s.busy);
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<VaultGeneration[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [chosen, setChosen] = useState<VaultGeneration | null>(null);

  async function show() {
    setOpen(true);
    setList(null);
    setChosen(null);
    setFailure(null);
    const outcome = await attempt(() => api.vault.generations());
    if (outcome.ok) setList(outcome.value);
    else setFailure(outcome.error.message);
  }

  async function confirm(generation: VaultGeneration) {
    const failed = await restore(generation.id);
    if (failed !== null) setFailure(failed.message);
  }

  return (
    <section className="block" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Automatic backups</h2>
      <p>
        Each save of the vault is also kept beside it, encrypted like the vault itself (how many:
        above, under Backups).
      </p>
      <Button onClick={() => void show()}>Restore an automatic backup…</Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
        }}
        title="Restore an automatic backup"
        description="The chosen backup takes the vault's place and the vault locks. Unlock it with the master password it was saved with; you are then asked once more, with its date and save number, before it opens."
        wide
      >
        {list === null ? (
          failure === null ? (
            <p className="muted">Loading backups…</p>
          ) : null
        ) : list.length === 0 ? (
          <p>No automatic backups are kept yet.</p>
        ) : (
          <table aria-label="Automatic backups">
            <thead>
              <tr>
                <th scope="col">Saved</th>
                <th scope="col">Save</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((g, index) => (
                <tr key={g.id}>
                  <td>
                    {new Date(g.savedAt).toLocaleString()}
                    {index === 0 ? ' (the vault as it is now)' : ''}
                  </td>
                  <td>#{g.counter}</td>
                  <td>
                    <Button
                      aria-label={`Restore the backup of ${savedOn(g)}`}
                      disabled={busy}
                      onClick={() => {
                        setChosen(g);
                      }}
                    >
                      Restore
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {chosen === null ? null : (
          <Alert
            actions={
              <Button variant="danger" disabled={busy} onClick={() => void confirm(chosen)}>
                Restore and lock
              </Button>
            }
          >
            <p>Restore the backup of {savedOn(chosen)}?</p>
            <p>
              Changes saved after it are not in it. The vault as it is now stays among the automatic
              backups and as the previous generation (vault.fkv.bak).
            </p>
          </Alert>
        )}
        {failure === null ? null : <Alert>{failure}</Alert>}
      </Dialog>
    </section>
  );
}
