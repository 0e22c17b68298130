// A bulk rotation closed before its end leaves several keys waiting in grace. This offers to
// finish them together from the Rotation page, through a confirmation that names every old key
// (anything still sending one gets 401 once it is revoked).
import { useState } from 'react';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';
import { countOf, plural } from '../../../common/words.js';
import { RevokeBatchDialog } from './RevokeBatchDialog.js';

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
