// Rotations that would overlap on the server: the guards compare keys as the server has them, not
// only by (instance, key id). A rotation's replacement is not rotated while that rotation is open,
// a bulk selection never holds one key twice (one instance listed twice, or one server saved as
// two instances), and revoke never deletes a key the vault manages an instance with, unless it is
// that instance's own admin rotation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { FakeKey } from '../fakes/fake-flowise-state.js';
import { ALL_KEY_PERMISSIONS } from '../fakes/fake-permissions.js';
import type { RotationFixture } from './rotation-fixture.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: RotationFixture;
let old: FakeKey;

beforeEach(async () => {
  f = await startRotationFixture();
  old = f.flowise.addKey('deploy', ALL_KEY_PERMISSIONS);
  f.flowise.addChatflow('a', { apikeyid: old.id });
});
afterEach(async () => {
  await f.close();
});

const start = (instanceId: string, keyId: string) => f.api.rotation.start({ instanceId, keyId });

/** The same server saved a second time, as another instance profile. */
async function addCopy(adminKey = f.flowise.adminKey): Promise<string> {
  const { id } = await f.api.instances.add({
    name: 'copy',
    baseUrl: f.flowise.url,
    adminKey,
    timeoutMs: 1000,
  });
  return id;
}

describe('overlapping rotations', () => {
  it('says on the plan that the key is already being rotated, before anything starts', async () => {
    expect((await f.api.rotation.plan({ instanceId: f.instanceId, keyId: old.id })).blocked).toBe(
      undefined,
    );
    const started = await start(f.instanceId, old.id);
    const plan = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: old.id });
    expect(plan.blocked).toMatch(/"deploy" is already being rotated\. Resume or roll back/);
    const again = await f.api.rotation.plan({
      instanceId: f.instanceId,
      keyId: started.newKey?.id ?? '',
    });
    expect(again.blocked).toMatch(/new key of the unfinished rotation of "deploy"/);
  });

  it('refuses to rotate the replacement of an unfinished rotation, naming that rotation and what to do', async () => {
    const started = await start(f.instanceId, old.id);
    expect(started.status).toBe('waiting');
    const fresh = started.newKey?.id ?? '';
    const refused = start(f.instanceId, fresh);
    await expect(refused).rejects.toMatchObject({ code: 'conflict' });
    await expect(refused).rejects.toThrow(/new key of the unfinished rotation of "deploy"/);
    await expect(refused).rejects.toThrow(/revoke the old key or roll that rotation back/i);
    const plan = await f.api.rotation.planMany({
      mode: 'byHand',
      keys: [{ instanceId: f.instanceId, keyId: fresh }],
    });
    expect(plan.items[0]?.error?.message).toMatch(/new key of the unfinished rotation of "deploy"/);
    expect(f.flowise.state.keys.has(fresh)).toBe(true);
    expect(f.flowise.state.keys.size).toBe(3);
  });

  it('refuses a bulk selection that lists one instance twice, so no key is in it twice', async () => {
    await expect(
      f.api.rotation.planMany({
        mode: 'sameName',
        keyName: 'deploy',
        instanceIds: [f.instanceId, f.instanceId],
      }),
    ).rejects.toThrow(/twice/);
  });

  it('the same server saved as two instances: a bulk rotation by name is refused with both profiles named, and nothing starts', async () => {
    const copy = await addCopy();
    const planned = f.api.rotation.planMany({ mode: 'sameName', keyName: 'deploy' });
    await expect(planned).rejects.toMatchObject({ code: 'conflict' });
    await expect(planned).rejects.toThrow(/"flowise" and "copy"/);
    await expect(planned).rejects.toThrow(/"deploy" twice/);
    const started = f.api.rotation.startMany({
      keys: [
        { instanceId: f.instanceId, keyId: old.id },
        { instanceId: copy, keyId: old.id },
      ],
    });
    await expect(started).rejects.toThrow(/"flowise" and "copy"/);
    expect((await f.api.rotation.list()).rotations).toEqual([]);
    expect(f.flowise.state.keys.size).toBe(2);
  });

  it('the same server saved as two instances: a key being rotated through one cannot be started through the other', async () => {
    const copy = await addCopy();
    await start(f.instanceId, old.id);
    await expect(start(copy, old.id)).rejects.toThrow(/already being rotated/);
    expect((await f.api.rotation.list()).rotations).toHaveLength(1);
  });

  it('revoke never deletes a key the vault manages another instance with, and rollback stays open', async () => {
    const started = await start(f.instanceId, old.id);
    await addCopy(old.apiKey);
    const stopped = await f.api.rotation.revoke({ rotationId: started.id });
    expect(stopped).toMatchObject({ status: 'failed', failedStep: 'revoke', canRollback: true });
    expect(stopped.error?.message).toContain('admin key saved for "copy"');
    expect(f.flowise.state.keys.has(old.id)).toBe(true);
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    expect(back.status).toBe('rolled_back');
  });
});
