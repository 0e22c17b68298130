// Rotate one secret of a credential (a new OpenAI key, say): type the new value, review the flows
// that use the credential, then confirm. If a flow started using it since the review, main refuses
// and the review is shown again. The new value lives only here, and goes with the dialog.
import { useEffect, useState } from 'react';

import type {
  CredentialSummary,
  CredentialTypeInput,
} from '../../../common/ipc/schemas/credentials.js';
import type { StoreError } from '../../stores/store-error.js';
import { useCredentialsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Dialog } from '../../ui/Dialog.js';
import { RotateSteps } from './RotateSteps.js';

export interface RotateSecretDialogProps {
  /** The credential; the dialog is open while set. */
  credential: CredentialSummary | undefined;
  onClose: () => void;
  onRotated: (rotated: CredentialSummary, fieldLabel: string) => void;
}

function RotateLoader({
  id,
  onRotated,
}: {
  id: string;
  onRotated: RotateSecretDialogProps['onRotated'];
}) {
  const get = useCredentialsStore((s) => s.get);
  const [inputs, setInputs] = useState<CredentialTypeInput[] | null>(null);
  const [failure, setFailure] = useState<StoreError | null>(null);

  useEffect(() => {
    let live = true;
    void get(id).then((outcome) => {
      if (!live) return;
      if (outcome.ok)
        setInputs((outcome.value.type?.inputs ?? []).filter((i) => i.secret || i.type === 'url'));
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
  if (inputs === null) return <p className="muted">Loading the credential…</p>;
  if (inputs.length === 0) return <p>This credential&apos;s type has no secret field to rotate.</p>;
  return <RotateSteps id={id} inputs={inputs} onRotated={onRotated} />;
}

export function RotateSecretDialog({ credential, onClose, onRotated }: RotateSecretDialogProps) {
  return (
    <Dialog
      open={credential !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      wide
      title={`Rotate a secret of ${credential?.name ?? ''}`}
      description="Enter the new value, review the flows that use this credential, then rotate. The old value is replaced on the server."
    >
      {credential === undefined ? null : <RotateLoader id={credential.id} onRotated={onRotated} />}
    </Dialog>
  );
}
