// Rotate one secret of a credential (a new OpenAI key, say): type the new value, review the flows
// that use the credential, then confirm. If a flow started using it since the review, main refuses
// and the review is shown again. The new value lives only here, and goes with the dialog.
import type {
  CredentialForEdit,
  CredentialSummary,
  CredentialTypeInput,
} from '../../../common/ipc/schemas/credentials.js';
import { Dialog } from '../../ui/Dialog.js';
import { RotateSteps } from './RotateSteps.js';
import { WithCredential } from './WithCredential.js';

export interface RotateSecretDialogProps {
  /** The credential; the dialog is open while set. */
  credential: CredentialSummary | undefined;
  onClose: () => void;
  onRotated: (rotated: CredentialSummary, fieldLabel: string) => void;
}

/** The secret (and address) inputs, which a rotation may replace. */
const rotatable = (credential: CredentialForEdit): CredentialTypeInput[] =>
  (credential.type?.inputs ?? []).filter((i) => i.secret || i.type === 'url');

export function RotateSecretDialog({ credential, onClose, onRotated }: RotateSecretDialogProps) {
  return (
    <Dialog
      open={credential !== undefined}
      onClose={onClose}
      wide
      title={`Rotate a secret of ${credential?.name ?? ''}`}
      description="Enter the new value, review the flows that use this credential, then rotate. The old value is replaced on the server."
    >
      {credential === undefined ? null : (
        <WithCredential id={credential.id}>
          {(loaded) => {
            const inputs = rotatable(loaded);
            return inputs.length === 0 ? (
              <p>This credential&apos;s type has no secret field to rotate.</p>
            ) : (
              <RotateSteps id={credential.id} inputs={inputs} onRotated={onRotated} />
            );
          }}
        </WithCredential>
      )}
    </Dialog>
  );
}
