// The create form: a name and the permission picker, fed by keys.permissions.
import { useState } from 'react';

import type { CreatedKey } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { KeyFields } from './KeyFields.js';

export function CreateKeyForm({ onCreated }: { onCreated: (created: CreatedKey) => void }) {
  const catalog = useKeysStore((s) => s.catalog);
  const create = useKeysStore((s) => s.create);
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | null>(null);
  const { busy, failure, run } = useFormAction();
  const needsPermission = catalog?.supported === true && permissions.length === 0;

  function submit() {
    if (name.trim() === '') {
      setNameError('Give the key a name.');
      return;
    }
    setNameError(null);
    void run(async () => {
      const outcome = await create(name.trim(), catalog?.supported === true ? permissions : []);
      if (!outcome.ok) return outcome.error.message;
      onCreated(outcome.value);
      return null;
    });
  }

  return (
    <DialogForm
      onSubmit={submit}
      failure={failure}
      submitLabel="Create key"
      submitDisabled={busy || catalog === null || needsPermission}
    >
      <KeyFields
        name={name}
        onNameChange={setName}
        nameError={nameError}
        catalog={catalog}
        permissions={permissions}
        onPermissionsChange={setPermissions}
      />
      {needsPermission ? (
        <p className="muted small">
          Choose at least one permission: Flowise refuses a key without.
        </p>
      ) : null}
    </DialogForm>
  );
}
