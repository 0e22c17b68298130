// The header's choice of active instance. Switching tests the new one at once, so a server that
// cannot be reached says so before anything is tried on it.
import { useId } from 'react';

import { useInstancesStore } from '../../stores/stores-context.js';

export function ActiveInstanceSwitcher() {
  const instances = useInstancesStore((s) => s.instances);
  const activeId = useInstancesStore((s) => s.activeId);
  const busy = useInstancesStore((s) => s.busy);
  const setActive = useInstancesStore((s) => s.setActive);
  const test = useInstancesStore((s) => s.test);
  const id = useId();
  if (instances === null || instances.length === 0) return null;
  const active = instances.find((i) => i.id === activeId);

  async function switchTo(next: string) {
    if ((await setActive(next)) === null) await test(next);
  }

  return (
    <div className="switcher">
      <span
        className="swatch"
        style={{ backgroundColor: active?.colour ?? 'transparent' }}
        aria-hidden="true"
      />
      <label htmlFor={id}>Active instance</label>
      <select
        id={id}
        value={activeId ?? ''}
        disabled={busy}
        onChange={(event) => void switchTo(event.currentTarget.value)}
      >
        {active === undefined ? <option value="">None</option> : null}
        {instances.map((instance) => (
          <option key={instance.id} value={instance.id}>
            {instance.name}
          </option>
        ))}
      </select>
    </div>
  );
}
