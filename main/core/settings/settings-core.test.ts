// settings.update as the renderer reaches it: through the core's wiring.
import { describe, expect, it } from 'vitest';

import { createCore } from '../create-core.js';
import { memoryCorePorts } from '../testing/memory-core.js';
import { RecordingEventSink } from '../testing/memory-ports.js';
import { PASSWORD } from '../vault/testing/vault-fixture.js';

async function unlockedCore() {
  const events = new RecordingEventSink();
  const core = createCore(memoryCorePorts({ events }));
  await core.impl.vault.create({ password: PASSWORD });
  return { core, events };
}

describe('settings.update through the core', () => {
  it('turning auto-lock off asks for the master password, then saves and audits the change', async () => {
    const { core, events } = await unlockedCore();
    await expect(core.impl.settings.update({ autoLockMinutes: 0 })).rejects.toMatchObject({
      code: 'reauth_required',
    });
    expect(core.settings().autoLockMinutes).toBe(5);
    expect(events.events.filter((e) => e.event === 'settings.changed')).toEqual([]);

    await core.impl.settings.update({ autoLockMinutes: 0, password: PASSWORD });
    expect(core.settings().autoLockMinutes).toBe(0);
    const audited = core.audit.list({ action: 'settings.weakened' }).records;
    expect(audited.map((r) => r.detail)).toEqual(['auto-lock from 5 minutes to never']);
    await core.shutdown();
  });
});
