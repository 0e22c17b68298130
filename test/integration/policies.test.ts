// Rotation policies through the core and its contract, against a fake Flowise: maximum ages on an
// instance and a key (audited), the Due list judged from the vault alone, the bulk "due" selection
// and its rotation (the new key keeps the policy and is no longer due), and the notification when a
// key falls due while the vault is open.
import { afterEach, describe, expect, it } from 'vitest';

import type { DueReport } from '../../common/ipc/schemas/policies.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { PASSWORD } from './core-fixture.js';
import type { RotationFixture } from './rotation-fixture.js';
import { startRotationFixture } from './rotation-fixture.js';

const DAY = 24 * 60 * 60_000;
const PERMISSIONS = ['chatflows:view', 'apikeys:view'];

let f: RotationFixture;
const notes: { title: string; body: string }[] = [];

async function start(): Promise<RotationFixture> {
  notes.length = 0;
  f = await startRotationFixture({}, { notifier: { notify: (note) => notes.push(note) } });
  await f.api.settings.update({ autoLockMinutes: 0, copyReauthMinutes: 0, password: PASSWORD });
  return f;
}
afterEach(async () => {
  await f.close();
});

function keyWithFlow(flowise: FakeFlowise, name: string) {
  const key = flowise.addKey(name, PERMISSIONS);
  flowise.addChatflow(`${name}-flow`, { apikeyid: key.id });
  return key;
}

const due = (report: DueReport) =>
  report.items.map((i) => [i.keyName, i.status, i.maxAgeDays, i.source]);

describe('rotation policies', () => {
  it('sets an instance and a key policy, audited with the age before and after', async () => {
    await start();
    const key = keyWithFlow(f.flowise, 'deploy');
    await f.api.keys.list({ instanceId: f.instanceId });
    const instance = { kind: 'instance' as const, instanceId: f.instanceId };
    await f.api.policies.set({ scope: instance, maxAgeDays: 60 });
    const keyScope = { kind: 'key' as const, instanceId: f.instanceId, keyId: key.id };
    const list = await f.api.policies.set({ scope: keyScope, maxAgeDays: 30 });
    expect(list).toEqual({
      instances: [{ instanceId: f.instanceId, maxAgeDays: 60 }],
      keys: [{ instanceId: f.instanceId, keyId: key.id, maxAgeDays: 30 }],
    });
    await f.api.policies.set({ scope: instance, maxAgeDays: null });
    expect(await f.api.policies.list()).toEqual({ instances: [], keys: list.keys });
    const records = f.core.audit.list({ action: 'policy.set' }).records;
    expect(records.map((r) => [r.subject?.name, r.detail]).reverse()).toEqual([
      ['flowise', 'maximum age of the instance: 60 days (was none)'],
      ['deploy', 'maximum age of the key: 30 days (was none)'],
      ['flowise', 'maximum age of the instance: none (was 60 days)'],
    ]);
    expect(records[1]?.subject?.fingerprint).toMatch(/^[a-f0-9]{16}$/);
  });

  it('refuses a policy on an instance the vault does not hold, and a negative age', async () => {
    await start();
    const stranger = { kind: 'instance' as const, instanceId: crypto.randomUUID() };
    await expect(f.api.policies.set({ scope: stranger, maxAgeDays: 5 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      f.api.policies.set({
        scope: { kind: 'instance', instanceId: f.instanceId },
        maxAgeDays: -1,
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(f.core.audit.list({ action: 'policy.set' }).records).toEqual([]);
  });

  it('lists due and soon-due keys from the vault, the admin key marked, with no server asked', async () => {
    await start();
    const a = keyWithFlow(f.flowise, 'alpha');
    keyWithFlow(f.flowise, 'beta');
    await f.api.keys.list({ instanceId: f.instanceId });
    await f.api.policies.set({
      scope: { kind: 'instance', instanceId: f.instanceId },
      maxAgeDays: 40,
    });
    await f.api.policies.set({
      scope: { kind: 'key', instanceId: f.instanceId, keyId: a.id },
      maxAgeDays: 20,
    });
    f.clock.advance(10 * DAY);
    expect(due(await f.api.policies.due({}))).toEqual([['alpha', 'soon', 20, 'key']]);
    f.clock.advance(20 * DAY);
    const requests = f.flowise.log.length;
    const report = await f.api.policies.due({});
    expect(f.flowise.log.length).toBe(requests);
    expect(due(report)).toEqual([
      ['alpha', 'due', 20, 'key'],
      ['admin', 'soon', 40, 'instance'],
      ['beta', 'soon', 40, 'instance'],
    ]);
    expect(report.items.find((i) => i.keyName === 'admin')?.admin).toBe(true);
    expect(report.items[0]).toMatchObject({ ageDays: 30, status: 'due' });
  });

  it('rotates all due keys in bulk; each new key keeps its policy and is no longer due', async () => {
    await start();
    const a = keyWithFlow(f.flowise, 'alpha');
    keyWithFlow(f.flowise, 'beta');
    await f.api.keys.list({ instanceId: f.instanceId });
    await f.api.policies.set({
      scope: { kind: 'key', instanceId: f.instanceId, keyId: a.id },
      maxAgeDays: 0,
    });
    const plan = await f.api.rotation.planMany({ mode: 'due' });
    expect(plan.items.map((i) => i.key?.name)).toEqual(['alpha']);
    const started = await f.api.rotation.startMany({
      keys: plan.items.map((i) => ({ instanceId: i.instanceId, keyId: i.key?.id ?? '' })),
    });
    expect(due(await f.api.policies.due({}))).toEqual([]);
    await f.api.rotation.revokeMany({ batchId: started.batchId });
    const newId = started.items[0]?.rotation?.newKey?.id;
    expect(newId).toBeDefined();
    expect((await f.api.policies.list()).keys).toEqual([
      { instanceId: f.instanceId, keyId: newId, maxAgeDays: 0 },
    ]);
    // A 0-day policy makes the new key due again at once: the policy followed it.
    expect(due(await f.api.policies.due({}))).toEqual([['alpha', 'due', 0, 'key']]);
  });

  it('with no policy, Settings keyMaxAgeDays decides, and the bulk due selection leaves the admin key out', async () => {
    await start();
    keyWithFlow(f.flowise, 'alpha');
    await f.api.keys.list({ instanceId: f.instanceId });
    await f.api.settings.update({ keyMaxAgeDays: 30, dueSoonDays: 0 });
    f.clock.advance(30 * DAY);
    expect(due(await f.api.policies.due({}))).toEqual([
      ['admin', 'due', 30, 'settings'],
      ['alpha', 'due', 30, 'settings'],
    ]);
    const plan = await f.api.rotation.planMany({ mode: 'due' });
    expect(plan.items.map((i) => i.key?.name)).toEqual(['alpha']);
    expect(plan.notes.join(' ')).toContain('left out');
  });

  it('notifies once when a key falls due while unlocked, not for keys due at unlock, and not when turned off', async () => {
    await start();
    const a = keyWithFlow(f.flowise, 'alpha');
    const b = keyWithFlow(f.flowise, 'beta');
    await f.api.keys.list({ instanceId: f.instanceId });
    const policy = (keyId: string, maxAgeDays: number) =>
      f.api.policies.set({ scope: { kind: 'key', instanceId: f.instanceId, keyId }, maxAgeDays });
    await policy(a.id, 2);
    await policy(b.id, 5);
    await f.api.vault.lock();
    await f.api.vault.unlock({ password: PASSWORD });
    f.clock.advance(2 * DAY);
    expect(notes).toEqual([
      {
        title: 'A key is due for rotation',
        body: '"alpha" on flowise has reached its 2-day maximum age.',
      },
    ]);
    f.clock.advance(2 * DAY);
    expect(notes).toHaveLength(1);
    await f.api.settings.update({ notifyDue: false });
    f.clock.advance(2 * DAY);
    expect(notes).toHaveLength(1);
    // Due at the next unlock: the banner names it, no notification.
    await f.api.settings.update({ notifyDue: true });
    await f.api.vault.lock();
    await f.api.vault.unlock({ password: PASSWORD });
    f.clock.advance(DAY);
    expect(notes).toHaveLength(1);
    // A policy lowered while unlocked makes a key fall due: told at once.
    const c = keyWithFlow(f.flowise, 'gamma');
    await f.api.keys.list({ instanceId: f.instanceId });
    await policy(c.id, 0);
    expect(notes.at(-1)?.body).toBe('"gamma" on flowise has reached its 0-day maximum age.');
  });

  it('forgets the policies of a removed instance', async () => {
    await start();
    await f.api.policies.set({
      scope: { kind: 'instance', instanceId: f.instanceId },
      maxAgeDays: 10,
    });
    await f.api.instances.remove(f.instanceId);
    expect(await f.api.policies.list()).toEqual({ instances: [], keys: [] });
  });
});
