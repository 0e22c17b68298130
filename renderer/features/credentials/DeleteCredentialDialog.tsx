// Delete a credential. When flows use it, or usage could not be checked, the dialog names those
// flows and asks for the credential's name, as main requires before it deletes.
import { useState } from 'react';

import type { CredentialSummary, UsageStatus } from '../../../common/ipc/schemas/credentials.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { DialogForm } from '../../ui/DialogForm.js';
import { Field } from '../../ui/Field.js';

export interface DeleteCredentialDialogProps {
  /** The credential to delete; the dialog is open while set. */
  credential: CredentialSummary | undefined;
  usage: UsageStatus;
  onClose: () => void;
  onDeleted: (name: string) => void;
  /** Where focus goes on close; the Delete button that opened the dialog may be gone. */
  onCloseAutoFocus?: (event: Event) => void;
}

function DeleteBody({
  credential,
  usage,
  onDeleted,
}: Pick<DeleteCredentialDialogProps, 'usage' | 'onDeleted'> & {
  credential: CredentialSummary;
}) {
  const remove = useCredentialsStore((s) => s.remove);
  const [confirmName, setConfirmName] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [mustConfirm, setMustConfirm] = useState(!usage.checked || credential.usedBy.length > 0);
  const [busy, setBusy] = useState(false);
  const flows = credential.usedBy;

  async function confirm() {
    setFailure(null);
    setBusy(true);
    const outcome = await remove(credential.id, mustConfirm ? confirmName : undefined);
    setBusy(false);
    if (outcome.ok) {
      onDeleted(credential.name);
      return;
    }
    setFailure(outcome.error.message);
    // Flows started using it since the list was loaded: main now wants the name typed.
    if (outcome.error.code === 'precondition_failed') setMustConfirm(true);
  }

  return (
    <DialogForm
      className="stack"
      failure={failure}
      submitLabel="Delete credential"
      submitVariant="danger"
      submitDisabled={busy || (mustConfirm && confirmName !== credential.name)}
      onSubmit={() => void confirm()}
    >
      {!usage.checked ? (
        <p className="warning">
          Which flows use this credential could not be checked. Any flow that uses it will fail.
        </p>
      ) : flows.length === 0 ? (
        <p>No flow uses this credential.</p>
      ) : (
        <div className="warning">
          <p>
            {flows.length === 1
              ? 'This flow uses it'
              : `These ${String(flows.length)} flows use it`}{' '}
            and will fail until they are given another credential:
          </p>
          <ul aria-label="Flows that use it">
            {flows.map((f) => (
              <li key={f.id}>{f.name}</li>
            ))}
          </ul>
        </div>
      )}
      {mustConfirm ? (
        <Field
          label={`Type "${credential.name}" to confirm`}
          value={confirmName}
          onValueChange={setConfirmName}
          autoComplete="off"
        />
      ) : null}
    </DialogForm>
  );
}

export function DeleteCredentialDialog({
  credential,
  usage,
  onClose,
  onDeleted,
  onCloseAutoFocus,
}: DeleteCredentialDialogProps) {
  return (
    <Dialog
      open={credential !== undefined}
      onClose={onClose}
      {...(onCloseAutoFocus === undefined ? {} : { onCloseAutoFocus })}
      title={`Delete ${credential?.name ?? ''}?`}
      description="The credential is deleted from the Flowise server. This cannot be undone."
    >
      {credential === undefined ? null : (
        <DeleteBody credential={credential} usage={usage} onDeleted={onDeleted} />
      )}
    </Dialog>
  );
}
