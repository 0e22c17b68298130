// Revoking the old keys of a bulk rotation left in grace, from the Rotation page. Like the single
// wizard's grace step, it asks for "I have updated the apps" first, and it ends by saying what
// became of each key: how many were revoked, which were not and why, and the flows that now answer
// only to the new keys.
import { useState } from 'react';

import type { BatchResult, BatchResultItem } from '../../../common/ipc/schemas/rotation-batch.js';
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { countOf, plural } from '../../../common/words.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Dialog, DialogClose } from '../../ui/Dialog.js';
import { CheckboxField } from '../../ui/Field.js';
import { STATUS_LABELS } from './rotation-words.js';

export function RevokeBatchDialog(props: {
  batchId: string | null;
  views: readonly RotationView[];
  onClose: () => void;
}) {
  const revokeMany = useRotationStore((s) => s.revokeMany);
  const [busy, setBusy] = useState(false);
  const [updated, setUpdated] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<BatchResult['items'] | null>(null);

  async function revoke(batchId: string) {
    // Only the keys this dialog named: the batch may hold others, already done or rolled back.
    const named = new Set(props.views.map((v) => `${v.instanceId}/${v.oldKey.id}`));
    setBusy(true);
    setFailure(null);
    const outcome = await revokeMany(batchId);
    setBusy(false);
    if (!outcome.ok) {
      setFailure(outcome.error.message);
      return;
    }
    setResult(outcome.value.items.filter((i) => named.has(`${i.instanceId}/${i.keyId}`)));
  }

  function close() {
    setFailure(null);
    setUpdated(false);
    setResult(null);
    props.onClose();
  }

  return (
    <Dialog
      open={props.batchId !== null}
      onClose={close}
      title="Revoke the old keys?"
      description="Each old key is deleted on its Flowise server, then checked to be refused. Anything still sending one gets 401."
    >
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
      {result === null ? (
        <>
          <ul aria-label="Old keys to revoke">
            {props.views.map((view) => (
              <li key={view.id}>
                {view.oldKey.name} <span className="muted small">on {view.instanceName}</span>
              </li>
            ))}
          </ul>
          <CheckboxField
            label="I have updated the apps that used the old keys"
            checked={updated}
            onCheckedChange={setUpdated}
          />
          <div className="row row-end">
            <DialogClose>Cancel</DialogClose>
            <Button
              variant="danger"
              disabled={busy || !updated || props.batchId === null}
              onClick={() => {
                if (props.batchId !== null) void revoke(props.batchId);
              }}
            >
              {busy ? 'Revoking…' : 'Revoke old keys'}
            </Button>
          </div>
        </>
      ) : (
        <>
          <RevokeSummary items={result} />
          <div className="row row-end">
            <DialogClose>Close</DialogClose>
          </div>
        </>
      )}
    </Dialog>
  );
}

/** Why a key was not revoked, in the words the server or the engine gave. */
function whyNot(item: BatchResultItem): string {
  return (
    item.error?.message ??
    item.rotation?.error?.message ??
    (item.rotation === undefined ? 'no answer' : STATUS_LABELS[item.rotation.status])
  );
}

function RevokeSummary({ items }: { items: readonly BatchResultItem[] }) {
  const revoked = items.filter((i) => i.rotation?.status === 'done');
  const failed = items.filter((i) => i.rotation?.status !== 'done');
  const moved = items.flatMap(({ rotation }) =>
    rotation === undefined
      ? []
      : rotation.flows
          .filter((f) => f.state === 'rebound' || f.state === 'verified')
          .map((flow) => ({ flow, rotation })),
  );
  return (
    <section className="stack" aria-label="Revoke summary">
      <p role="status">
        {`${countOf(revoked.length, 'old key')} revoked.`}
        {failed.length === 0
          ? ''
          : ` ${countOf(failed.length, 'key')} could not be revoked; open ${plural(failed.length, 'it', 'them')} in the list of rotations to retry.`}
      </p>
      {failed.length === 0 ? null : (
        <ul aria-label="Not revoked">
          {failed.map((item) => (
            <li key={`${item.instanceId}/${item.keyId}`}>
              {`${item.rotation?.oldKey.name ?? item.keyId} on ${item.instanceName}: ${whyNot(item)}`}
            </li>
          ))}
        </ul>
      )}
      {moved.length === 0 ? (
        <p className="muted">No flow was bound to these keys.</p>
      ) : (
        <>
          <p>{`${countOf(moved.length, 'flow')} now ${plural(moved.length, 'uses', 'use')} the new keys:`}</p>
          <ul aria-label="Flows now on the new keys">
            {moved.map(({ flow, rotation }) => (
              <li key={`${rotation.id}/${flow.id}`}>
                {`${flow.name} on ${rotation.instanceName}: ${rotation.newKey?.name ?? rotation.newKeyName}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
