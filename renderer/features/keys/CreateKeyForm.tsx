// The create form: a name and the permission picker, fed by keys.permissions.
import { useState } from 'react';

import type { CreatedKey } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { Field } from '../../ui/Field.js';
import { PermissionPicker } from './PermissionPicker.js';

export function CreateKeyForm({ onCreated }: { onCreated: (created: CreatedKey) => void }) {
  const catalog = useKeysStore((s) => s.catalog);
  const create = useKeysStore((s) => s.create);
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPermission = catalog?.supported === true && permissions.length === 0;

  async function submit() {
    if (name.trim() === '') {
      setNameError('Give the key a name.');
      return;
    }
    setNameError(null);
    setFailure(null);
    setBusy(true);
    const outcome = await create(name.trim(), catalog?.supported === true ? permissions : []);
    setBusy(false);
    if (outcome.ok) onCreated(outcome.value);
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
        error={nameError}
        maxLength={100}
      />
      {catalog === null ? (
        <p className="muted">Loading permissions…</p>
      ) : (
        <PermissionPicker catalog={catalog} selected={permissions} onChange={setPermissions} />
      )}
      {needsPermission ? (
        <p className="muted small">
          Choose at least one permission: Flowise refuses a key without.
        </p>
      ) : null}
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button
          type="submit"
          variant="primary"
          disabled={busy || catalog === null || needsPermission}
        >
          Create key
        </Button>
      </div>
    </form>
  );
}
