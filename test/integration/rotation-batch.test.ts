// rotation.planMany / startMany / revokeMany through the core and its contract, against two fake
// Flowise servers (and one that is not there): selection by age and by name, per-instance errors,
// a failing key that does not stop the others, each old key revoked once, and no value leaking.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BatchPlan, BatchResult } from '../../common/ipc/schemas/rotation-batch.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import { PASSWORD } from './core-fixture.js';
import { deletesOf, expectNoLockedOutFlow, replacements } from './rotation-expect.js';
import type { RotationFixture } from './rotation-fixture.js';
import { startRotationFixture } from './rotation-fixture.js';

const DAY = 24 * 60 * 60_000;
const PERMISSIONS = ['chatflows:view', 'apikeys:view'];

let f: RotationFixture;
let second: FakeFlowise;
let secondId: string;

beforeEach(async () => {
  f = await startRotationFixture();
  second = await startFakeFlowise();
  const added = await f.api.instances.add({
    name: 'second',
    baseUrl: second.url,
    adminKey: second.adminKey,
    timeoutMs: 1000,
  });
  secondId = added.id;
  // Days pass in these tests: no auto-lock, no password before a reveal.
  await f.api.settings.update({ autoLockMinutes: 0, copyReauthMinutes: 0, password: PASSWORD });
});
afterEach(async () => {
  await f.close();
  await second.close();
});

/** A key with one flow bound to it. */
function keyWithFlow(flowise: FakeFlowise, name: string): FakeKey {
  const key = flowise.addKey(name, PERMISSIONS);
  flowise.addChatflow(`${name}-flow`, { apikeyid: key.id });
  return key;
}

const keyNames = (result: BatchPlan): string[] =>
  result.items.map((i) => i.key?.name ?? '(instance)').sort();

async function redeemAll(result: BatchResult): Promise<string[]> {
  const values: string[] = [];
  for (const item of result.items) {
    const ticket = item.rotation?.ticket;
    if (ticket !== undefined) values.push((await f.api.keys.reveal({ ticket })).value);
  }
  return values;
}

describe('bulk rotation', () => {
  it('selects keys first seen at least N days ago, never the admin key', async () => {
    keyWithFlow(f.flowise, 'old-one');
    keyWithFlow(second, 'old-two');
    // The vault notes when it first sees each key; Flowise keeps no creation date.
    await f.api.keys.listAll();
    f.clock.advance(31 * DAY);
    keyWithFlow(f.flowise, 'fresh');

    const plan = await f.api.rotation.planMany({ mode: 'olderThan', days: 30 });
    expect(keyNames(plan)).toEqual(['old-one', 'old-two']);
    expect(plan.items.every((i) => i.error === undefined && i.plan?.flows.length === 1)).toBe(true);
    expect(plan.notes.join(' ')).toContain('left out');
    const one = await f.api.rotation.planMany({
      mode: 'olderThan',
      days: 30,
      instanceIds: [secondId],
    });
    expect(keyNames(one)).toEqual(['old-two']);
    const none = await f.api.rotation.planMany({ mode: 'olderThan', days: 90 });
    expect(none.items).toEqual([]);
  });

  it('rotates the keys of one name on two instances, then revokes each old key once', async () => {
    const a = keyWithFlow(f.flowise, 'deploy');
    const b = keyWithFlow(second, 'deploy');
    keyWithFlow(second, 'other');

    const plan = await f.api.rotation.planMany({ mode: 'sameName', keyName: 'deploy' });
    expect(plan.items.map((i) => [i.instanceName, i.key?.id])).toEqual(
      expect.arrayContaining([
        ['flowise', a.id],
        ['second', b.id],
      ]),
    );
    expect(plan.items).toHaveLength(2);
    expect(f.flowise.state.keys.has(a.id) && second.state.keys.has(b.id)).toBe(true);

    const started = await f.api.rotation.startMany({
      keys: plan.items.map((i) => ({ instanceId: i.instanceId, keyId: i.key?.id ?? '' })),
    });
    expect(started.items.map((i) => i.rotation?.status)).toEqual(['waiting', 'waiting']);
    expect(started.items.every((i) => i.rotation?.batchId === started.batchId)).toBe(true);
    const list = await f.api.rotation.list();
    expect(list.rotations.filter((r) => r.batchId === started.batchId)).toHaveLength(2);
    const values = await redeemAll(started);
    expect(values).toHaveLength(2);

    const revoked = await f.api.rotation.revokeMany({ batchId: started.batchId });
    expect(revoked.items.map((i) => i.rotation?.status)).toEqual(['done', 'done']);
    expect(deletesOf(f.flowise, a.id)).toBe(1);
    expect(deletesOf(second, b.id)).toBe(1);
    // Again: nothing is left in grace, so nothing is deleted a second time.
    const again = await f.api.rotation.revokeMany({ batchId: started.batchId });
    expect(again.items.map((i) => i.rotation?.status)).toEqual(['done', 'done']);
    expect(deletesOf(f.flowise, a.id) + deletesOf(second, b.id)).toBe(2);
    for (const [flowise, item] of [
      [f.flowise, revoked.items[0]],
      [second, revoked.items[1]],
    ] as const) {
      const view = item?.rotation;
      expect(view?.newKey?.name).toBe('deploy');
      expect(replacements(flowise, view ?? { newKeyName: '' })).toHaveLength(1);
      expectNoLockedOutFlow(flowise);
    }

    const batch = (await f.api.audit.list({ action: 'rotation.batch' })).records.map(
      (r) => r.detail,
    );
    expect(batch.reverse()).toEqual([
      'start: 2 keys on 2 instances',
      'start ended: 2 waiting in grace, 0 stopped by an error, 0 not started',
      'revoke: 2 old keys to revoke',
      'revoke ended: 2 done, 0 stopped by an error',
      'revoke: 0 old keys to revoke',
      'revoke ended: 2 done, 0 stopped by an error',
    ]);
    // Every step of both keys went into the audit log as well.
    const steps = (await f.api.audit.list({ action: 'rotation.step' })).records;
    expect(steps.filter((r) => r.detail?.startsWith('confirm'))).toHaveLength(2);

    const seen = JSON.stringify({
      list: await f.api.rotation.list(),
      events: f.events.events,
      logs: f.logger.lines,
      audit: f.core.audit.export().json,
      plan,
      revoked,
    });
    for (const secret of [...values, a.apiKey, b.apiKey, second.adminKey, f.flowise.adminKey])
      expect(seen.includes(secret)).toBe(false);
  });

  it('reports an unreachable instance as its own item, and plans the others', async () => {
    const gone = await startFakeFlowise();
    const goneId = (
      await f.api.instances.add({
        name: 'gone',
        baseUrl: gone.url,
        adminKey: gone.adminKey,
        timeoutMs: 1000,
      })
    ).id;
    await gone.close();
    keyWithFlow(f.flowise, 'deploy');
    const onSecond = keyWithFlow(second, 'deploy');

    const plan = await f.api.rotation.planMany({ mode: 'sameName', keyName: 'deploy' });
    const bad = plan.items.filter((i) => i.error !== undefined);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ instanceId: goneId, instanceName: 'gone' });
    expect(bad[0]?.key).toBeUndefined();
    expect(plan.items.filter((i) => i.plan !== undefined)).toHaveLength(2);

    // Chosen by hand, the key on the unreachable instance carries the error itself.
    const byHand = await f.api.rotation.planMany({
      mode: 'byHand',
      keys: [
        { instanceId: goneId, keyId: 'k1' },
        { instanceId: secondId, keyId: onSecond.id },
      ],
    });
    expect(byHand.items.map((i) => [i.key?.id, i.error === undefined])).toEqual(
      expect.arrayContaining([['k1', false]]),
    );
    expect(byHand.items.filter((i) => i.error === undefined)).toHaveLength(1);
  });

  it('refuses the admin key chosen by hand, as an item', async () => {
    const plan = await f.api.rotation.planMany({
      mode: 'byHand',
      keys: [{ instanceId: f.instanceId, keyId: f.flowise.adminKeyId }],
    });
    expect(plan.items[0]?.error?.code).toBe('precondition_failed');
    const started = await f.api.rotation.startMany({
      keys: [{ instanceId: f.instanceId, keyId: f.flowise.adminKeyId }],
    });
    expect(started.items[0]?.error?.code).toBe('precondition_failed');
    expect(deletesOf(f.flowise, f.flowise.adminKeyId)).toBe(0);
  });

  it('leaves out the admin key another profile of the same server is saved with', async () => {
    const other = keyWithFlow(f.flowise, 'other-admin');
    await f.api.instances.add({ name: 'other', baseUrl: f.flowise.url, adminKey: other.apiKey });
    await f.api.keys.listAll();
    f.clock.advance(31 * DAY);

    const aged = await f.api.rotation.planMany({
      mode: 'olderThan',
      days: 30,
      instanceIds: [f.instanceId],
    });
    expect(keyNames(aged)).not.toContain('other-admin');
    expect(aged.notes.join(' ')).toContain('"other-admin" on flowise is left out');
    const byName = await f.api.rotation.planMany({
      mode: 'sameName',
      keyName: 'other-admin',
      instanceIds: [f.instanceId],
    });
    expect(byName.items).toEqual([]);
    const byHand = await f.api.rotation.planMany({
      mode: 'byHand',
      keys: [{ instanceId: f.instanceId, keyId: other.id }],
    });
    expect(byHand.items[0]?.error).toMatchObject({ code: 'precondition_failed' });
    expect(byHand.items[0]?.error?.message).toContain('to manage other;');
    expect(byHand.items[0]?.plan).toBeUndefined();
  });

  it('goes on past a key that fails; that key can be retried on its own', async () => {
    const a = keyWithFlow(f.flowise, 'first');
    const b = keyWithFlow(f.flowise, 'second');
    const c = keyWithFlow(second, 'third');
    // The first key creation on the first server fails once.
    f.flowise.fault({
      method: 'POST',
      path: '/apikey',
      status: 500,
      json: { message: 'boom' },
      times: 1,
    });

    const started = await f.api.rotation.startMany({
      keys: [a, b, c].map((k, i) => ({ instanceId: i < 2 ? f.instanceId : secondId, keyId: k.id })),
    });
    expect(started.items.map((i) => i.rotation?.status)).toEqual(['failed', 'waiting', 'waiting']);
    expect(started.items[0]?.rotation?.failedStep).toBe('create');
    const batch = (await f.api.audit.list({ action: 'rotation.batch' })).records;
    expect(batch[0]).toMatchObject({ outcome: 'failed' });
    expect(batch[0]?.detail).toContain('1 stopped by an error');

    const failedId = started.items[0]?.rotation?.id ?? '';
    const retried = await f.api.rotation.resume({ rotationId: failedId });
    expect(retried.status).toBe('waiting');
    expect(retried.batchId).toBe(started.batchId);

    const revoked = await f.api.rotation.revokeMany({ batchId: started.batchId });
    expect(revoked.items.map((i) => i.rotation?.status)).toEqual(['done', 'done', 'done']);
    for (const key of [a, b]) expect(deletesOf(f.flowise, key.id)).toBe(1);
    expect(deletesOf(second, c.id)).toBe(1);
  });

  it('refuses bounds outside the contract', async () => {
    await expect(
      f.api.rotation.planMany({ mode: 'olderThan', days: 100_000 }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    const many = Array.from({ length: 101 }, (_, i) => ({
      instanceId: f.instanceId,
      keyId: `k${String(i)}`,
    }));
    await expect(f.api.rotation.startMany({ keys: many })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(f.api.rotation.revokeMany({ batchId: 'abcdefabcdef' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
