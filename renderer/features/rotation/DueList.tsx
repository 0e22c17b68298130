// The Rotation page's Due list: every key at or past its maximum age, then those soon due, with
// "Rotate all due", which plans them through the bulk rotation (and its delivery targets). The
// admin key is listed but rotated on its own, as everywhere else.
import { useEffect, useState } from 'react';

import type { BatchPlan } from '../../../common/ipc/schemas/rotation-batch.js';
import { usePoliciesStore, useRotationStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { BulkRotationDialog } from './BulkRotationDialog.js';
import { policyWords, whenDue } from './due-words.js';

export function DueList() {
  const due = usePoliciesStore((s) => s.due);
  const loadDue = usePoliciesStore((s) => s.loadDue);
  const planMany = useRotationStore((s) => s.planMany);
  const [plan, setPlan] = useState<BatchPlan | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    void loadDue();
  }, [loadDue]);

  const rotatable = (due?.items ?? []).filter((i) => i.status === 'due' && !i.admin);

  async function rotateAllDue() {
    setBusy(true);
    setFailure(null);
    const outcome = await planMany({ mode: 'due' });
    setBusy(false);
    if (outcome.ok) setPlan(outcome.value);
    else setFailure(outcome.error.message);
  }

  return (
    <section className="block stack" aria-labelledby="due-heading">
      <div className="row row-between">
        <h2 id="due-heading">Due</h2>
        <Button
          variant="primary"
          disabled={busy || rotatable.length === 0}
          onClick={() => void rotateAllDue()}
        >
          Rotate all due
        </Button>
      </div>
      {failure === null ? null : <Alert>{failure}</Alert>}
      {due === null ? (
        <p className="muted">Loading the keys due for rotation…</p>
      ) : due.items.length === 0 ? (
        <p className="muted">
          No key is due for rotation, or due within {String(due.soonDays)} days.
        </p>
      ) : (
        <table className="due-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Instance</th>
              <th scope="col">When</th>
              <th scope="col">Policy</th>
            </tr>
          </thead>
          <tbody>
            {due.items.map((item) => (
              <tr key={`${item.instanceId}/${item.keyId}`} data-status={item.status}>
                <td>
                  {item.keyName}
                  {item.admin ? (
                    <span className="muted"> (admin key: rotate it on its own)</span>
                  ) : null}
                </td>
                <td>{item.instanceName}</td>
                <td>{whenDue(item, due.now)}</td>
                <td>{policyWords(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <BulkRotationDialog
        open={plan !== undefined}
        plan={plan}
        onClose={() => {
          setPlan(undefined);
          void loadDue();
        }}
      />
    </section>
  );
}
