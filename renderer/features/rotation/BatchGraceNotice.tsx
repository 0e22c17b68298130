// A bulk rotation closed before its end leaves several keys waiting in grace. This offers to
// finish them together from the Rotation page, after a confirmation that names every old key
// (anything still sending one gets 401 once it is revoked).
import { useState } from 'react';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { countOf, plural } from '../../../common/words.js';

/** The rotations waiting in grace, by batch, in the order the batches first appear. */
export function waitingBatches(rotations: readonly RotationView[]): [string, RotationView[]][] {
  const batches = new Map<string, RotationView[]>();
  for (const view of rotations) {
    if (view.batchId === undefined || !view.canRevoke) continue;
    batches.set(view.batchId, [...(batches.get(view.batchId) ?? []), view]);
  }
  return [...batches];
}

export function BatchGraceNotice({ rotations }: { rotations: readonly RotationView[] }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const batches = waitingBatches(rotations);
  const chosen = batches.find(([id]) => id === confirming)?.[1] ?? [];
  if (batches.length === 0 && confirming === null) return null;
  return (
    <>
      {batches.map(([batchId, views]) => (
        <section key={batchId} className="notice" aria-label={`Bulk rotation ${batchId}`}>
          <p>
            Bulk rotation {batchId}: {countOf(views.length, 'old key')} still{' '}
            {plural(views.length, 'works', 'work')}, waiting for your apps to move to the new keys.
          </p>
          <Button
            onClick={() => {
              setConfirming(batchId);
            }}
          >
            Revoke the old keys of bulk rotation {batchId}
          </Button>
        </section>
      ))}
      <RevokeBatchDialog
        batchId={confirming}
        views={chosen}
        onClose={() => {
          setConfirming(null);
        }}
      />
    </>
  );
}

function RevokeBatchDialog(props: {
  batchId: string | null;
  views: readonly RotationView[];
  onClose: () => void;
}) {
  const revokeMany = useRotationStore((s) => s.revokeMany);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function revoke(batchId: string) {
    setBusy(true);
    setFailure(null);
    const outcome = await revokeMany(batchId);
    setBusy(false);
    if (!outcome.ok) {
      setFailure(outcome.error.message);
      return;
    }
    const failed = outcome.value.items.filter(
      (i) => i.error !== undefined || i.rotation?.status === 'failed',
    );
    if (failed.length === 0) {
      props.onClose();
      return;
    }
    setFailure(
      `${countOf(failed.length, 'key')} could not be revoked; open ${plural(failed.length, 'it', 'them')} in the list to retry.`,
    );
  }

  return (
    <Dialog
      open={props.batchId !== null}
      onClose={() => {
        setFailure(null);
        props.onClose();
      }}
      title="Revoke the old keys?"
      description="Each old key is deleted on its Flowise server, then checked to be refused. Anything still sending one gets 401."
    >
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      <ul aria-label="Old keys to revoke">
        {props.views.map((view) => (
          <li key={view.id}>
            {view.oldKey.name} <span className="muted small">on {view.instanceName}</span>
          </li>
        ))}
      </ul>
      <div className="row row-end">
        <DialogClose>Cancel</DialogClose>
        <Button
          variant="danger"
          disabled={busy || props.batchId === null}
          onClick={() => {
            if (props.batchId !== null) void revoke(props.batchId);
          }}
        >
          Revoke old keys
        </Button>
      </div>
    </Dialog>
  );
}
