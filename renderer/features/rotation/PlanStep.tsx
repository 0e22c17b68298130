// The plan, read from the server before anything changes: the flows that move to the new key, the
// permissions it copies, and a plain account of the cutover. Flows marked safe to call get one
// real prediction with the new key during verify.
import { useEffect, useState } from 'react';

import type { KeyRotationPlan } from '../../../common/ipc/schemas/rotation.js';
import { useRotationStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { AdminKeyNote, CutoverWarning, PlanFlows, PlanTargets } from './PlanDetails.js';

export interface PlanStepProps {
  instanceId: string;
  keyId: string;
  /** Back to the key list; absent when the key was chosen before the wizard opened. */
  onBack?: (() => void) | undefined;
  onStart: (plan: KeyRotationPlan, probeFlowIds: string[]) => void;
}

export function PlanStep({ instanceId, keyId, onBack, onStart }: PlanStepProps) {
  const loadPlan = useRotationStore((s) => s.plan);
  const [plan, setPlan] = useState<KeyRotationPlan | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [probes, setProbes] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let live = true;
    void loadPlan(instanceId, keyId).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setPlan(outcome.value);
      else setFailure(outcome.error.message);
    });
    return () => {
      live = false;
    };
  }, [loadPlan, instanceId, keyId]);

  const back =
    onBack === undefined ? (
      <DialogClose>Cancel</DialogClose>
    ) : (
      <Button onClick={onBack}>Choose another key</Button>
    );

  if (failure !== null)
    return (
      <div className="stack">
        <Alert>
          <p>{failure}</p>
        </Alert>
        <div className="row row-end">{back}</div>
      </div>
    );
  if (plan === null) return <p className="muted">Reading the key and its flows from the server…</p>;

  return (
    <div className="stack">
      <p>
        Replace <strong>{plan.oldKey.name}</strong>{' '}
        <span className="mono small">({plan.oldKey.masked})</span> on{' '}
        <strong>{plan.instanceName}</strong> with a new key named{' '}
        <strong>{plan.newKeyName.replace(/[a-f0-9]{12}\)$/, '…)')}</strong>. The suffix carries the
        rotation&apos;s id, so the new key can be found again if the app stops mid-way.
      </p>
      <section aria-label="Permissions copied">
        <h3 className="rotation-heading">Permissions copied</h3>
        {plan.permissions === undefined ? (
          <p>This server gives every key full access; so will the new key.</p>
        ) : (
          <p className="mono small">{plan.permissions.join(', ') || 'none'}</p>
        )}
      </section>
      {plan.admin === true ? <AdminKeyNote instanceName={plan.instanceName} /> : null}
      <PlanFlows flows={plan.flows} probes={probes} onProbesChange={setProbes} />
      <PlanTargets targets={plan.targets ?? []} />
      <CutoverWarning flowCount={plan.flows.length} />
      {plan.warnings.length === 0 ? null : (
        <ul className="rotation-warnings" aria-label="Checked on the server">
          {plan.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {plan.blocked === undefined ? null : (
        <Alert>
          <p>{plan.blocked}</p>
        </Alert>
      )}
      <div className="row row-end">
        {back}
        {plan.blocked === undefined ? (
          <Button
            variant="primary"
            onClick={() => {
              onStart(plan, [...probes]);
            }}
          >
            Start rotation
          </Button>
        ) : null}
      </div>
    </div>
  );
}
