// Each instance's part of the report as it arrives: checking, checked (with its count of
// findings), or why it could not be checked. One slow server never holds up the others' rows.
import type { OverviewInstance } from '../../../common/ipc/schemas/overview.js';
import { countOf } from '../../../common/words.js';

function stateWords(instance: OverviewInstance): string {
  switch (instance.state) {
    case 'pending':
      return 'Checking…';
    case 'ok':
      return 'Checked';
    default:
      return instance.error?.message ?? 'Could not be checked';
  }
}

export function InstanceProgress({
  instances,
  running,
}: {
  instances: readonly OverviewInstance[];
  running: boolean;
}) {
  if (instances.length === 0) return null;
  const done = instances.filter((i) => i.state !== 'pending').length;
  return (
    <section aria-label="Instances checked" className="stack">
      <p role="status" className="muted">
        {running
          ? `${String(done)} of ${countOf(instances.length, 'instance')} checked…`
          : `${countOf(instances.length, 'instance')} checked.`}
      </p>
      <ul className="overview-instances">
        {instances.map((instance) => (
          <li key={instance.instanceId} className={`overview-instance state-${instance.state}`}>
            <strong>{instance.name}</strong>: {stateWords(instance)}
          </li>
        ))}
      </ul>
    </section>
  );
}
