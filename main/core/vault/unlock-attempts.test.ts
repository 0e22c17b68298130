// Unlocks through createCore: each is audited, failed ones are counted (while locked, outside the
// vault) and told at the next unlock, and after five failures in a row the core itself makes the
// next try wait, longer each time, across a restart.
import { describe, expect, it } from 'vitest';

import { createCore } from '../create-core.js';
import type { CorePorts } from '../create-core.js';
import { FakeClock } from '../testing/fake-clock.js';
import { memoryCorePorts } from '../testing/memory-core.js';
import { MemoryStateStore } from '../testing/memory-ports.js';
import { MemoryVaultFileStore } from './testing/memory-file-store.js';
import { PASSWORD } from './testing/vault-fixture.js';

const WRONG = 'not the password at all';

async function lockedCore(clock = new FakeClock(), ports: CorePorts = memoryCorePorts({ clock })) {
  const core = createCore(ports);
  await core.impl.vault.create({ password: PASSWORD });
  core.lock('manual');
  return { core, vault: core.impl.vault, clock };
}

async function failures(vault: ReturnType<typeof createCore>['impl']['vault'], count: number) {
  for (let i = 0; i < count; i += 1)
    await expect(vault.unlock({ password: WRONG })).rejects.toMatchObject({
      code: 'wrong_password',
    });
}

describe('unlocks in the audit log', () => {
  it('records an unlock, and the failures since the last one with their count', async () => {
    const { core, vault, clock } = await lockedCore();
    await failures(vault, 3);
    clock.advance(60_000);
    const status = await vault.unlock({ password: PASSWORD });
    expect(status.failedUnlocks).toMatchObject({ count: 3 });
    const records = (await core.impl.audit.list({ limit: 50 })).records;
    const [unlock, failed] = records;
    expect(unlock).toMatchObject({ action: 'vault.unlock', outcome: 'ok' });
    expect(failed).toMatchObject({ action: 'vault.unlock_failed', outcome: 'failed' });
    expect(failed?.detail).toMatch(/^3 failed attempts since the last unlock/);
    expect(JSON.stringify(records)).not.toContain(WRONG);

    // Counted from the last success: a clean unlock reports none.
    core.lock('manual');
    const clean = await vault.unlock({ password: PASSWORD });
    expect(clean.failedUnlocks).toBeUndefined();
    const actions = (await core.impl.audit.list({ limit: 50 })).records.map((r) => r.action);
    expect(actions.slice(0, 2)).toEqual(['vault.unlock', 'vault.unlock']);
  });

  it('says "1 failed attempt" in the singular', async () => {
    const { core, vault } = await lockedCore();
    await failures(vault, 1);
    await vault.unlock({ password: PASSWORD });
    const failed = (await core.impl.audit.list({ limit: 50 })).records[1];
    expect(failed?.detail).toMatch(/^1 failed attempt since the last unlock/);
  });
});

describe('waiting after failed unlocks', () => {
  it('after five failures in a row, refuses the next try until a growing delay has passed', async () => {
    const { vault, clock } = await lockedCore();
    await failures(vault, 5);
    await expect(vault.unlock({ password: PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
      details: { retryAt: clock.now() + 30_000, retryInMs: 30_000 },
    });
    expect((await vault.status()).retryInMs).toBe(30_000);
    clock.advance(30_000);
    await failures(vault, 1);
    // The sixth failure doubles the wait.
    await expect(vault.unlock({ password: PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
      details: { retryAt: clock.now() + 60_000 },
    });
    clock.advance(60_000);
    expect((await vault.unlock({ password: PASSWORD })).state).toBe('unlocked');
  });

  it('keeps the wait across a restart, and a success clears it', async () => {
    const files = new MemoryVaultFileStore();
    const state = new MemoryStateStore();
    const clock = new FakeClock();
    const first = await lockedCore(clock, memoryCorePorts({ files, state, clock }));
    await failures(first.vault, 5);
    await first.core.shutdown();

    const again = createCore(memoryCorePorts({ files, state, clock }));
    await expect(again.impl.vault.unlock({ password: PASSWORD })).rejects.toMatchObject({
      code: 'too_many_attempts',
    });
    clock.advance(30_000);
    const opened = await again.impl.vault.unlock({ password: PASSWORD });
    expect(opened.failedUnlocks).toMatchObject({ count: 5 });
    again.lock('manual');
    await failures(again.impl.vault, 1);
    expect((await again.impl.vault.status()).retryInMs).toBeUndefined();
  });
});
