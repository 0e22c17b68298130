// The keys a bulk rotation would take, each with its flows, and the ones that cannot go (and why),
// with a plain warning about the cutover before anything changes.
import { useState } from 'react';

import type { BatchKeyRef, BatchPlan } from '../../../common/ipc/schemas/rotation-batch.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField } from '../../ui/Field.js';

import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';
import { countOf } from '../../../common/words.js';

export interface BulkReviewStepProps {
  plan: BatchPlan;
  onBack: () => void;
  onStart: (keys: BatchKeyRef[]) => void;
}

export function BulkReviewStep({ plan, onBack, onStart }: BulkReviewStepProps) {
  const [understood, setUnderstood] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const ready = plan.items.filter((i) => i.plan !== undefined && i.error === undefined);
  const flows = ready.reduce((n, i) => n + (i.plan?.flows.length ?? 0), 0);
  return (
    <section className="stack" aria-label="Keys to rotate">
      <h3 ref={heading} tabIndex={-1} className="rotation-heading">
        {ready.length === 0
          ? 'No key can be rotated'
          : `${countOf(ready.length, 'key')} to rotate, ${countOf(flows, 'flow')} to move`}
      </h3>
      <table className="bulk-table">
        <caption className="visually-hidden">The keys found</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Instance</th>
            <th scope="col">Flows</th>
            <th scope="col">Can go</th>
          </tr>
        </thead>
        <tbody>
          {plan.items.map((item, i) => (
            <tr key={`${item.instanceId}/${item.key?.id ?? String(i)}`}>
              <td>{item.key?.name ?? '—'}</td>
              <td>{item.instanceName}</td>
              <td>{item.plan === undefined ? '—' : String(item.plan.flows.length)}</td>
              <td>{item.error === undefined ? 'Yes' : item.error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.items.length === 0 ? <p>No key matches this choice.</p> : null}
      {plan.notes.map((note) => (
        <p key={note} className="muted small">
          {note}
        </p>
      ))}
      {ready.length === 0 ? null : (
        <Alert>
          <p>
            <strong>Each key is cut over on its own.</strong> Its flows move to its new key, and
            from that moment apps that still call those flows with the old key are refused. The old
            keys keep working for management calls until you revoke them at the end, after you have
            put each new key into your apps.
          </p>
        </Alert>
      )}
      {ready.length === 0 ? null : (
        <CheckboxField
          label="I understand that apps calling these flows with an old key will be refused"
          checked={understood}
          onCheckedChange={setUnderstood}
        />
      )}
      <div className="row row-end">
        <Button onClick={onBack}>Back</Button>
        <Button
          variant="primary"
          disabled={ready.length === 0 || !understood}
          onClick={() => {
            onStart(ready.map((i) => ({ instanceId: i.instanceId, keyId: i.key?.id ?? '' })));
          }}
        >
          {`Rotate ${countOf(ready.length, 'key')}`}
        </Button>
      </div>
    </section>
  );
}
