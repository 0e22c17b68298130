// Rename a key and change its permissions within the admin key's own. Only what changed is sent.
import { useEffect, useState } from 'react';

import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { PermissionPicker } from './PermissionPicker.js';

export interface EditKeyDialogProps {
  /** The dialog is open while set. */
  keySummary: KeySummary | undefined;
  onClose: () => void;
  /** With what to tell the person: saved, or already gone. */
  onDone: (sentence: string) => void;
}

export function EditKeyDialog({ keySummary, onClose, onDone }: EditKeyDialogProps) {
  const loadCatalog = useKeysStore((s) => s.loadCatalog);
  const open = keySummary !== undefined;
  useEffect(() => {
    if (open) void loadCatalog();
  }, [open, loadCatalog]);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      wide
      title={`Edit ${keySummary?.keyName ?? ''}`}
      description="Rename the key or change what it may do. Its value stays the same."
    >
      {keySummary === undefined ? null : <EditKeyForm keySummary={keySummary} onDone={onDone} />}
    </Dialog>
  );
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function EditKeyForm({
  keySummary: key,
  onDone,
}: {
  keySummary: KeySummary;
  onDone: (sentence: string) => void;
}) {
  const catalog = useKeysStore((s) => s.catalog);
  const update = useKeysStore((s) => s.update);
  const [name, setName] = useState(key.keyName);
  const [permissions, setPermissions] = useState<string[]>(key.permissions ?? []);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const supported = catalog?.supported === true && key.permissions !== undefined;
  const renamed = name.trim() !== key.keyName;
  const regranted = supported && !same(permissions, key.permissions ?? []);

  async function submit() {
    setFailure(null);
    setBusy(true);
    const outcome = await update(key.id, {
      ...(renamed ? { keyName: name.trim() } : {}),
      ...(regranted ? { permissions } : {}),
    });
    setBusy(false);
    if (outcome.ok) onDone(`Key ${outcome.value.keyName} saved.`);
    else if (outcome.error.code === 'not_found') onDone(outcome.error.message);
    else setFailure(outcome.error.message);
  }

  return (
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
        label="Key name"
        value={name}
        onValueChange={setName}
        maxLength={100}
        error={name.trim() === '' ? 'Give the key a name.' : null}
      />
      {catalog === null ? (
        <p className="muted">Loading permissions…</p>
      ) : (
        <PermissionPicker catalog={catalog} selected={permissions} onChange={setPermissions} />
      )}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button
          type="submit"
          variant="primary"
          disabled={
            busy ||
            name.trim() === '' ||
            (!renamed && !regranted) ||
            (supported && permissions.length === 0)
          }
        >
          Save changes
        </Button>
      </div>
    </form>
  );
}
