// A replacement that the server does not accept on a management route never reaches the person:
// verify asks the server with the new key itself, and a refusal stops the rotation before its
// reveal, with the old key untouched and rollback open. For the admin key's own rotation, the
// vault keeps (or gets back) the old admin key, which still manages the instance.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import { fingerprint } from '../../main/core/flowise/mask.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { RotationFixture } from './rotation-fixture.js';
import { deletesOf, expectRolledBack } from './rotation-expect.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: RotationFixture;

beforeEach(async () => {
  f = await startRotationFixture();
});
afterEach(async () => {
  await f.close();
});

/** The replacement on the server (named after the old key), once it exists. */
function replacementOf(oldName: string): FakeKey {
  const fresh = [...f.flowise.state.keys.values()].find((k) =>
    k.keyName.startsWith(`${oldName} (rotation `),
  );
  if (fresh === undefined) throw new Error('no replacement on the server');
  return fresh;
}

/** From `point` on, the server answers the replacement with 403 on every route it guards. */
function refuseReplacementAt(point: string, oldName: string): void {
  f.when(point, () => {
    replacementOf(oldName).permissions = [];
  });
}

/** Requests that went out with `value` as their bearer key. */
const sentWith = (value: string) =>
  f.flowise.log.filter((r) => r.headers.authorization === `Bearer ${value}`);

/** Stopped before reveal: no ticket then or later, no reveal in the audit log, rollback open. */
async function expectStoppedBeforeReveal(view: RotationView, step: string): Promise<void> {
  expect(view).toMatchObject({ status: 'failed', failedStep: step, canRollback: true });
  expect(view.error?.code).toBe('forbidden');
  expect(view.ticket).toBeUndefined();
  expect(view.canRevoke).toBe(false);
  await expect(f.api.rotation.reveal({ rotationId: view.id })).rejects.toMatchObject({
    code: 'precondition_failed',
  });
  const steps = (await f.api.audit.list({ action: 'rotation.step' })).records.map(
    (r) => r.detail?.split(':')[0],
  );
  expect(steps).not.toContain('reveal');
}

describe("verify's management call with the new key", () => {
  it('a replacement the server refuses (403) on its management route stops the rotation before reveal: no ticket, the old key untouched, rollback restores it', async () => {
    const old = f.flowise.addKey('deploy', ['chatflows:view', 'apikeys:view']);
    for (const name of ['a', 'b']) f.flowise.addChatflow(name, { apikeyid: old.id });
    refuseReplacementAt('rebind:done', 'deploy');

    const stopped = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    await expectStoppedBeforeReveal(stopped, 'verify');
    // The refusal came from asking the server with the new key itself.
    const fresh = replacementOf('deploy');
    expect(sentWith(fresh.apiKey).map((r) => `${r.method} ${r.url}`)).toContain(
      'GET /api/v1/apikey',
    );
    expect(f.flowise.state.keys.get(old.id)).toEqual(old);
    expect(deletesOf(f.flowise, old.id)).toBe(0);

    expectRolledBack(f.flowise, await f.api.rotation.rollback({ rotationId: stopped.id }), old);
  });
});

describe('an admin rotation whose new key fails its proof', () => {
  let admin: FakeKey;

  beforeEach(() => {
    const key = f.flowise.state.keys.get(f.flowise.adminKeyId);
    if (key === undefined) throw new Error('no admin key');
    admin = { ...key };
    for (const name of ['a', 'b']) f.flowise.addChatflow(name, { apikeyid: admin.id });
  });

  const stored = async (): Promise<string | undefined> =>
    (await f.api.instances.list()).instances.find((i) => i.id === f.instanceId)
      ?.adminKeyFingerprint;

  /** The vault stores the old admin key, and a real call through the app goes out with it. */
  async function expectOldAdminKeyManages(): Promise<void> {
    expect(await stored()).toBe(fingerprint(admin.apiKey));
    const before = f.flowise.log.length;
    const { keys } = await f.api.keys.list({ instanceId: f.instanceId });
    expect(keys.map((k) => k.id)).toContain(admin.id);
    const auth = new Set(f.flowise.log.slice(before).map((r) => r.headers.authorization));
    expect(auth).toEqual(new Set([`Bearer ${admin.apiKey}`]));
  }

  it('refused at verify: the old admin key stays stored and still manages the instance', async () => {
    refuseReplacementAt('rebind:done', 'admin');
    const stopped = await f.api.rotation.start({ instanceId: f.instanceId, keyId: admin.id });
    await expectStoppedBeforeReveal(stopped, 'verify');
    await expectOldAdminKeyManages();
    expect(f.flowise.state.keys.get(admin.id)).toEqual(admin);
    expectRolledBack(f.flowise, await f.api.rotation.rollback({ rotationId: stopped.id }), admin);
    await expectOldAdminKeyManages();
  });

  it('refused at switch, through the stored profile: the old admin key is stored again and still manages the instance, also after a resume fails the same way', async () => {
    refuseReplacementAt('verify:done', 'admin');
    const stopped = await f.api.rotation.start({ instanceId: f.instanceId, keyId: admin.id });
    await expectStoppedBeforeReveal(stopped, 'switch');
    await expectOldAdminKeyManages();

    const again = await f.api.rotation.resume({ rotationId: stopped.id });
    await expectStoppedBeforeReveal(again, 'switch');
    await expectOldAdminKeyManages();
    expect(f.flowise.state.keys.get(admin.id)).toEqual(admin);
    expectRolledBack(f.flowise, await f.api.rotation.rollback({ rotationId: stopped.id }), admin);
    await expectOldAdminKeyManages();
  });
});
