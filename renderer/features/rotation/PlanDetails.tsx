// Parts of the plan screen: the flows (each may be marked safe to call), the cutover warning, and
// what happens to the app's own admin key when that is the key rotated.
import type { BoundFlow } from '../../../common/ipc/schemas/keys.js';
import type { KeyRotationPlan } from '../../../common/ipc/schemas/rotation.js';
import { CheckboxField } from '../../ui/Field.js';
import { countOf, plural } from '../../../common/words.js';

export interface PlanFlowsProps {
  flows: readonly BoundFlow[];
  probes: ReadonlySet<string>;
  onProbesChange: (next: ReadonlySet<string>) => void;
}

export function PlanFlows({ flows, probes, onProbesChange }: PlanFlowsProps) {
  if (flows.length === 0)
    return (
      <section aria-label="Affected flows">
        <h3 className="rotation-heading">Affected flows</h3>
        <p>No flow is bound to this key, so no flow is moved.</p>
      </section>
    );
  return (
    <section aria-label="Affected flows">
      <h3 className="rotation-heading">
        Affected flows: {countOf(flows.length, 'flow')} {plural(flows.length, 'moves', 'move')} to
        the new key
      </h3>
      <p className="muted small">
        Tick a flow only if it is safe to call: the check then runs one real prediction on it with
        the new key.
      </p>
      <ul className="rotation-flows">
        {flows.map((flow) => (
          <li key={flow.id}>
            <CheckboxField
              label={`${flow.name} (${flow.type.toLowerCase()}): safe to call`}
              checked={probes.has(flow.id)}
              onCheckedChange={(checked) => {
                const next = new Set(probes);
                if (checked) next.add(flow.id);
                else next.delete(flow.id);
                onProbesChange(next);
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The delivery targets that receive the new key, each exactly as it will run. */
export function PlanTargets({ targets }: { targets: NonNullable<KeyRotationPlan['targets']> }) {
  if (targets.length === 0) return null;
  return (
    <section aria-label="Delivery targets">
      <h3 className="rotation-heading">
        The new key goes to {countOf(targets.length, 'delivery target')}
      </h3>
      <p className="muted small">
        After the reveal, in this order; then each check runs. The app asks you before each command
        runs.
      </p>
      <ul className="rotation-targets">
        {targets.map((t) => (
          <li key={t.id} className="mono small">
            {t.words}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The honest part: a chatflow accepts one key, so there is no overlap for its callers. */
export function CutoverWarning({ flowCount }: { flowCount: number }) {
  return (
    <div className="rotation-cutover" role="note" aria-label="About the cutover">
      {flowCount > 0 ? (
        <p>
          <strong>Callers of these flows will be refused for a while.</strong> A chatflow accepts
          exactly one key. From the moment each flow is moved to the new key, any app that calls it
          with the old key fails, until that app is switched to the new key. The flows are moved
          together to keep this short, but there is no overlap.
        </p>
      ) : null}
      <p>
        Management calls made with the old key (listing flows, keys and so on) keep working until
        you revoke the old key at the end, after you have updated your apps.
      </p>
    </div>
  );
}

/** The key rotated is the one the app itself manages the instance with. */
export function AdminKeyNote({ instanceName }: { instanceName: string }) {
  return (
    <div className="rotation-cutover" role="note" aria-label="About the admin key">
      <p>
        <strong>This is the key Flowise Key Vault uses to manage {instanceName}.</strong> Once the
        new key is verified, the app switches its stored admin key to the new key and manages{' '}
        {instanceName} with it from then on. The old key is deleted when you revoke it at the end.
        If you roll back before that, the app goes back to the old key first.
      </p>
    </div>
  );
}
