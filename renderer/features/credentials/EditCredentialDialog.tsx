// Edit a credential: rename it and change fields. Stored secrets show only as set; a secret is
// sent when the person typed a new one, any other field only when it changed, so Flowise's
// merging update keeps everything else as stored.
import type {
  CredentialForEdit,
  CredentialSummary,
} from '../../../common/ipc/schemas/credentials.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { CredentialForm } from './CredentialForm.js';
import { changesToSend, storedValues } from './credential-form.js';
import { WithCredential } from './WithCredential.js';

export const NO_CREDENTIAL_TEST =
  'Flowise offers no way to test a credential from outside its editor; test it by running a flow that uses it.';

export interface EditCredentialDialogProps {
  /** The credential to edit; the dialog is open while set. */
  credential: CredentialSummary | undefined;
  onClose: () => void;
  onSaved: (saved: CredentialSummary) => void;
}

function EditForm({
  loaded,
  onSaved,
}: {
  loaded: CredentialForEdit;
  onSaved: (saved: CredentialSummary) => void;
}) {
  const update = useCredentialsStore((s) => s.update);
  const { type, fields } = loaded;
  const initial = type === undefined ? {} : storedValues(type, fields);
  return (
    <>
      {/* Flowise (through 3.1.4) has no route or component hook that tests a credential: its
          routes/credentials only create, read, update and delete, and its editor tests nothing
          either. So no "Test" button here, and the person is told how to check one instead. */}
      <p className="muted small">{NO_CREDENTIAL_TEST}</p>
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
    </>
  );
}

export function EditCredentialDialog({ credential, onClose, onSaved }: EditCredentialDialogProps) {
  return (
    <Dialog
      open={credential !== undefined}
      onClose={onClose}
      wide
      title={`Edit ${credential?.name ?? ''}`}
      description="Change what you need. Secret fields stay as stored unless you type a new value."
    >
      {credential === undefined ? null : (
        <WithCredential id={credential.id}>
          {(loaded) => <EditForm loaded={loaded} onSaved={onSaved} />}
        </WithCredential>
      )}
    </Dialog>
  );
}
