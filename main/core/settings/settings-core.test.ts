// settings.update as the renderer reaches it: through the core's wiring.
import { describe, expect, it } from 'vitest';

import { createCore } from '../create-core.js';
import { MemoryClipboard } from '../testing/memory-clipboard.js';
import { FakeClock } from '../testing/fake-clock.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../testing/memory-ports.js';
import { MemoryVaultFileStore } from '../vault/testing/memory-file-store.js';
import { PASSWORD, TINY_KDF } from '../vault/testing/vault-fixture.js';

async function unlockedCore() {
  const events = new RecordingEventSink();
  const core = createCore({
    files: new MemoryVaultFileStore(),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(),
    events,
    logger: new MemoryLogger(),
    host: { version: 'test', platform: 'linux', host: 'harness' },
    http: { request: () => Promise.reject(new Error('no network in this test')) },
    clipboard: new MemoryClipboard(),
    osUser: 'tester',
    kdf: { params: TINY_KDF },
  });
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
