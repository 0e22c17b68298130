// Edit a credential: rename it and change fields. Stored secrets show only as set; a secret is
// sent when the person typed a new one, any other field only when it changed, so Flowise's
// merging update keeps everything else as stored.
import { useEffect, useState } from 'react';

import type {
  CredentialForEdit,
  CredentialSummary,
} from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Dialog } from '../../ui/Dialog.js';
import { CredentialForm } from './CredentialForm.js';
import { changesToSend, storedValues } from './credential-form.js';

export interface EditCredentialDialogProps {
  /** The credential to edit; the dialog is open while set. */
  credential: CredentialSummary | undefined;
  onClose: () => void;
  onSaved: (saved: CredentialSummary) => void;
}

function EditLoader({ id, onSaved }: { id: string; onSaved: (saved: CredentialSummary) => void }) {
  const get = useCredentialsStore((s) => s.get);
  const update = useCredentialsStore((s) => s.update);
  const [loaded, setLoaded] = useState<CredentialForEdit | null>(null);
  const [failure, setFailure] = useState<StoreError | null>(null);

  useEffect(() => {
    let live = true;
    void get(id).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setLoaded(outcome.value);
      else setFailure(outcome.error);
    });
    return () => {
      live = false;
    };
  }, [get, id]);

  if (failure !== null)
    return (
      <Alert>
        <p>{failure.message}</p>
      </Alert>
    );
  if (loaded === null) return <p className="muted">Loading the credential…</p>;
  const { type, fields } = loaded;
  const initial = type === undefined ? {} : storedValues(type, fields);
  return (
    <CredentialForm
      type={type}
      initialName={loaded.name}
      initialValues={initial}
      stored={fields}
      submitLabel="Save changes"
      onSubmit={async (name, values) => {
        const changes = type === undefined ? {} : changesToSend(type, initial, values, fields);
        const renamed = name !== loaded.name;
        if (!renamed && Object.keys(changes).length === 0) {
          onSaved(loaded);
          return null;
        }
        const outcome = await update(loaded.id, {
          ...(renamed ? { name } : {}),
          ...(Object.keys(changes).length === 0 ? {} : { changes }),
        });
        if (!outcome.ok) return outcome.error;
        onSaved(outcome.value);
        return null;
      }}
    />
  );
}

export function EditCredentialDialog({ credential, onClose, onSaved }: EditCredentialDialogProps) {
  return (
    <Dialog
      open={credential !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      wide
      title={`Edit ${credential?.name ?? ''}`}
      description="Change what you need. Secret fields stay as stored unless you type a new value."
    >
      {credential === undefined ? null : <EditLoader id={credential.id} onSaved={onSaved} />}
    </Dialog>
  );
}
