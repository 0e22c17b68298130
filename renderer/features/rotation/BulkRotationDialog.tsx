// Bulk rotation, in a dialog: pick the keys (by age, by hand, or one name across instances), review
// them with the cutover spelled out, then run: each key gets its own rotation, shown live, with its
// new key revealed one at a time and every old key revoked together at the end.
import { useState } from 'react';

import type { BatchPlan } from '../../../common/ipc/schemas/rotation-batch.js';
import { Dialog } from '../../ui/Dialog.js';
import { BulkChooseStep } from './BulkChooseStep.js';
import type { BulkKey } from './BulkKeyRow.js';
import { BulkReviewStep } from './BulkReviewStep.js';
import { BulkRunStep } from './BulkRunStep.js';

export interface BulkRotationDialogProps {
  open: boolean;
  onClose: () => void;
  /** Keys already chosen (e.g. every due key): the dialog opens at their review. */
  plan?: BatchPlan | undefined;
}

type Phase =
  { step: 'choose' } | { step: 'review'; plan: BatchPlan } | { step: 'run'; keys: BulkKey[] };

function BulkBody({ plan }: { plan: BatchPlan | undefined }) {
  const [phase, setPhase] = useState<Phase>(
    plan === undefined ? { step: 'choose' } : { step: 'review', plan },
  );
  if (phase.step === 'choose')
    return (
      <BulkChooseStep
        onPlanned={(plan) => {
          setPhase({ step: 'review', plan });
        }}
      />
    );
  if (phase.step === 'review')
    return (
      <BulkReviewStep
        plan={phase.plan}
        onBack={() => {
          setPhase({ step: 'choose' });
        }}
        onStart={(refs) => {
          const keys = refs.map((ref): BulkKey => {
            const item = phase.plan.items.find(
              (i) => i.instanceId === ref.instanceId && i.key?.id === ref.keyId,
            );
            return {
              ...ref,
              instanceName: item?.instanceName ?? ref.instanceId,
              keyName: item?.key?.name ?? ref.keyId,
            };
          });
          setPhase({ step: 'run', keys });
        }}
      />
    );
  return <BulkRunStep keys={phase.keys} />;
}

export function BulkRotationDialog({ open, onClose, plan }: BulkRotationDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title="Rotate several keys"
      description="Replace many keys at once. Each key gets its own rotation, saved step by step, so any of them can be resumed or rolled back on its own."
    >
      {open ? <BulkBody plan={plan} /> : null}
    </Dialog>
  );
}
