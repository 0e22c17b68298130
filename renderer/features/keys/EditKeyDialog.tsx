// Rename a key and change its permissions within the admin key's own. Only what changed is sent.
import { useState } from 'react';

import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm, useFormAction } from '../../ui/DialogForm.js';
import { KeyFields } from './KeyFields.js';
import { useCatalogWhileOpen } from './use-catalog-while-open.js';
import { useKeyNaming } from './key-names.js';

export interface EditKeyDialogProps {
  /** The dialog is open while set. */
  keySummary: KeySummary | undefined;
  onClose: () => void;
  /** With what to tell the person: saved, or already gone. */
  onDone: (sentence: string) => void;
}

export function EditKeyDialog({ keySummary, onClose, onDone }: EditKeyDialogProps) {
  const open = keySummary !== undefined;
  useCatalogWhileOpen(open);
  const naming = useKeyNaming(keySummary);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title={`Edit ${naming?.label ?? ''}`}
      description={`${naming?.shared === true ? `Another key has this name too: this is ${naming.long}. ` : ''}Rename the key or change what it may do. Its value stays the same.`}
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
  const { busy, failure, run } = useFormAction();
  const supported = catalog?.supported === true && key.permissions !== undefined;
  const renamed = name.trim() !== key.keyName;
  const regranted = supported && !same(permissions, key.permissions ?? []);

  const submit = () =>
    void run(async () => {
      const outcome = await update(key.id, {
        ...(renamed ? { keyName: name.trim() } : {}),
        ...(regranted ? { permissions } : {}),
      });
      if (outcome.ok) onDone(`Key ${outcome.value.keyName} saved.`);
      else if (outcome.error.code === 'not_found') onDone(outcome.error.message);
      else return outcome.error.message;
      return null;
    });

  return (
    <DialogForm
      onSubmit={submit}
      failure={failure}
      submitLabel="Save changes"
      submitDisabled={
        busy ||
        name.trim() === '' ||
        (!renamed && !regranted) ||
        (supported && permissions.length === 0)
      }
    >
      <KeyFields
        name={name}
        onNameChange={setName}
        nameError={name.trim() === '' ? 'Give the key a name.' : null}
        catalog={catalog}
        permissions={permissions}
        onPermissionsChange={setPermissions}
      />
    </DialogForm>
  );
}
