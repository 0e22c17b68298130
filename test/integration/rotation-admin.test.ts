// The rotation of the instance's own admin key, against the fake Flowise: the vault's stored key is
// switched to the new key once it is verified, the old one deleted at revoke with the new one; a
// rollback stores the old key again first. After a fault or a crash at every step, the instance is
// still managed with the key the vault stores, that key is never one the server deleted, the old
// key is deleted at most once, and the new key's value is not lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RotationStep, RotationView } from '../../common/ipc/schemas/rotation.js';
import { fingerprint } from '../../main/core/flowise/mask.js';
import type { FaultSpec } from '../fakes/fake-flowise.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { CrashPoint, RotationFixture } from './rotation-fixture.js';
import {
  crashAndRestart,
  crashLabel,
  deletesOf,
  expectNoLockedOutFlow,
  expectRolledBack,
  expectRotated,
  replacements,
} from './rotation-expect.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: RotationFixture;
let admin: FakeKey;

beforeEach(async () => {
  f = await startRotationFixture();
  const key = f.flowise.state.keys.get(f.flowise.adminKeyId);
  if (key === undefined) throw new Error('no admin key');
  admin = { ...key };
  for (const name of ['a', 'b']) f.flowise.addChatflow(name, { apikeyid: admin.id });
  f.flowise.addKey('deploy', ['chatflows:view']);
});
afterEach(async () => {
  await f.close();
});

const start = () => f.api.rotation.start({ instanceId: f.instanceId, keyId: admin.id });

async function storedFingerprint(): Promise<string | undefined> {
  const { instances } = await f.api.instances.list();
  return instances.find((i) => i.id === f.instanceId)?.adminKeyFingerprint;
}

/** The key the vault stores is on the server, and manages the instance through the app. */
async function expectManageable(): Promise<void> {
  const stored = await storedFingerprint();
  const onServer = [...f.flowise.state.keys.values()].map((k) => fingerprint(k.apiKey));
  expect(onServer).toContain(stored);
  const keys = await f.api.keys.list({ instanceId: f.instanceId });
  expect(keys.keys.length).toBeGreaterThan(0);
}

async function redeem(view: RotationView): Promise<string> {
  const ticket = view.ticket ?? (await f.api.rotation.reveal({ rotationId: view.id })).ticket ?? '';
  return (await f.api.keys.reveal({ ticket })).value;
}

/** Done: the vault stores the new key, which manages the instance; the old key is refused. */
async function expectAdminRotated(view: RotationView, value: string, deletes = 1) {
  expectRotated(f.flowise, view, admin, value, deletes);
  expect(await storedFingerprint()).toBe(fingerprint(value));
  await expectManageable();
  const status = await fetch(`${f.flowise.url}/api/v1/chatflows`, {
    headers: { authorization: `Bearer ${admin.apiKey}` },
  }).then((r) => r.status);
  expect(status).toBe(401);
}

async function expectAdminRolledBack(view: RotationView) {
  expectRolledBack(f.flowise, view, admin);
  expect(await storedFingerprint()).toBe(fingerprint(admin.apiKey));
  await expectManageable();
}

describe('rotation of the admin key', () => {
  it('plans it as an admin rotation', async () => {
    const plan = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: admin.id });
    expect(plan.admin).toBe(true);
    expect(plan.permissions).toEqual(admin.permissions);
    expect(plan.warnings.join(' ')).toContain('switches its stored admin key');
    const other = [...f.flowise.state.keys.values()].find((k) => k.keyName === 'deploy');
    const normal = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: other?.id ?? '' });
    expect(normal.admin).toBeUndefined();
  });

  it('switches the stored key after verify, deletes the old key at revoke with the new one', async () => {
    const started = await start();
    expect(started).toMatchObject({ status: 'waiting', reached: 'reveal', admin: true });
    expect(started.steps.find((s) => s.step === 'switch')?.state).toBe('done');
    const [fresh] = replacements(f.flowise, started);
    expect(fresh?.permissions).toEqual(admin.permissions);
    expect(await storedFingerprint()).toBe(fingerprint(fresh?.apiKey ?? ''));
    // Calls after the switch go out with the new key.
    const before = f.flowise.log.length;
    await f.api.keys.list({ instanceId: f.instanceId });
    const auth = f.flowise.log.slice(before).map((r) => r.headers.authorization);
    expect(new Set(auth)).toEqual(new Set([`Bearer ${fresh?.apiKey ?? ''}`]));

    const value = await redeem(started);
    const done = await f.api.rotation.revoke({ rotationId: started.id });
    const del = f.flowise.log.find((r) => r.method === 'DELETE');
    expect(del?.headers.authorization).toBe(`Bearer ${value}`);
    await expectAdminRotated(done, value);

    const steps = (await f.api.audit.list({ action: 'rotation.step' })).records
      .map((r) => r.detail?.split(':')[0])
      .reverse();
    expect(steps).toEqual([
      'plan',
      'create',
      'stash',
      'rebind',
      'verify',
      'switch',
      'reveal',
      'grace',
      'revoke',
      'revoke',
      'confirm',
    ]);
    const edits = (await f.api.audit.list({ action: 'instance.update' })).records;
    expect(edits.map((r) => r.detail)).toEqual(['admin key replaced']);
    const seen = JSON.stringify({
      audit: f.core.audit.export().json,
      events: f.events.events,
      logs: f.logger.lines,
      list: await f.api.rotation.list(),
    });
    for (const secret of [value, admin.apiKey]) expect(seen.includes(secret)).toBe(false);
  });

  it('rolls back: the old key stored again, the flows back on it, the new key deleted', async () => {
    const started = await start();
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    await expectAdminRolledBack(back);
    const edits = (await f.api.audit.list({ action: 'instance.update' })).records;
    expect(edits).toHaveLength(2);
  });

  it('never deletes the old key while the vault stores it', async () => {
    const started = await start();
    await redeem(started);
    // Someone put the old key back in the instance's profile during grace.
    await f.api.instances.update(f.instanceId, { adminKey: admin.apiKey });
    const done = await f.api.rotation.revoke({ rotationId: started.id });
    await expectAdminRotated(done, replacements(f.flowise, started)[0]?.apiKey ?? '');
  });

  it('stops at switch when a third key was saved meanwhile, and leaves it alone', async () => {
    const other = f.flowise.addKey('other-admin');
    f.when('rebind:done', () => {
      f.flowise.fault({ method: 'GET', path: /^\/chatflows\/[^/]+$/, status: 500, times: 1 });
    });
    const stopped = await start();
    expect(stopped).toMatchObject({ status: 'failed', failedStep: 'verify' });
    await f.api.instances.update(f.instanceId, { adminKey: other.apiKey });
    const failed = await f.api.rotation.resume({ rotationId: stopped.id });
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'switch' });
    expect(failed.error?.code).toBe('conflict');
    expect(await storedFingerprint()).toBe(fingerprint(other.apiKey));
    const back = await f.api.rotation.rollback({ rotationId: failed.id });
    expectRolledBack(f.flowise, back, admin);
    expect(await storedFingerprint()).toBe(fingerprint(other.apiKey));
  });
});

describe('revoke of the admin key', () => {
  it('checks its preconditions before its point of no return: a third key saved during grace stops revoke, and rollback is still possible', async () => {
    const started = await start();
    await redeem(started);
    const other = f.flowise.addKey('other-admin');
    await f.api.instances.update(f.instanceId, { adminKey: other.apiKey });
    const stopped = await f.api.rotation.revoke({ rotationId: started.id });
    expect(stopped).toMatchObject({ status: 'failed', failedStep: 'revoke', canRollback: true });
    expect(stopped.error?.code).toBe('conflict');
    expect(f.flowise.state.keys.has(admin.id)).toBe(true);
    const back = await f.api.rotation.rollback({ rotationId: stopped.id });
    expectRolledBack(f.flowise, back, admin);
    expect(await storedFingerprint()).toBe(fingerprint(other.apiKey));
  });
});

const KINDS: Record<string, Omit<FaultSpec, 'path'>> = {
  '500': { status: 500, json: { message: 'boom' } },
  'connection reset': { reset: true },
};

const FAULTS: { step: RotationStep; arm: string; spec: Pick<FaultSpec, 'method' | 'path'> }[] = [
  { step: 'create', arm: 'plan:saved', spec: { method: 'POST', path: '/apikey' } },
  { step: 'rebind', arm: 'stash:done', spec: { method: 'PUT', path: /^\/chatflows\/[^/]+$/ } },
  { step: 'verify', arm: 'rebind:done', spec: { method: 'GET', path: /^\/chatflows\/[^/]+$/ } },
  { step: 'switch', arm: 'verify:done', spec: { method: 'GET', path: '/apikey' } },
  { step: 'revoke', arm: 'grace', spec: { method: 'DELETE', path: /^\/apikey\/[^/]+$/ } },
  { step: 'confirm', arm: 'revoke:done', spec: { method: 'GET', path: '/chatflows' } },
];

async function runWithFault(step: RotationStep, arm: string, spec: FaultSpec) {
  const arming = (): void => {
    f.flowise.fault(spec);
  };
  const afterGrace = step === 'revoke' || step === 'confirm';
  if (arm !== 'grace') f.when(arm, arming);
  const started = await start();
  if (!afterGrace) return started;
  if (arm === 'grace') arming();
  return f.api.rotation.revoke({ rotationId: started.id });
}

describe.each(Object.entries(KINDS))('a %s during an admin rotation', (_kind, fault) => {
  it.each(FAULTS)('at $step, then resume finishes', async ({ step, arm, spec }) => {
    const failed = await runWithFault(step, arm, { ...spec, ...fault, times: 1 });
    expect(failed).toMatchObject({ status: 'failed', failedStep: step });
    expectNoLockedOutFlow(f.flowise);
    await expectManageable();
    let view = await f.api.rotation.resume({ rotationId: failed.id });
    let value = replacements(f.flowise, view)[0]?.apiKey;
    if (view.status === 'waiting') {
      value = await redeem(view);
      view = await f.api.rotation.revoke({ rotationId: view.id });
    }
    await expectAdminRotated(view, value ?? '', step === 'revoke' ? 2 : 1);
  });

  it.each(FAULTS.filter((s) => s.step !== 'revoke' && s.step !== 'confirm'))(
    'at $step, then rollback restores the old admin key',
    async ({ step, arm, spec }) => {
      const failed = await runWithFault(step, arm, { ...spec, ...fault, times: 1 });
      expect(failed.canRollback).toBe(true);
      await expectAdminRolledBack(await f.api.rotation.rollback({ rotationId: failed.id }));
    },
  );
});

const BEFORE_GRACE: CrashPoint[] = [
  { point: 'create:posted' },
  { point: 'stash:remembered' },
  { point: 'rebind:flow', nth: 1 },
  { point: 'verify:done' },
  { point: 'switch:saved' },
  { point: 'switch:done' },
  { point: 'reveal:done' },
];
const AFTER_GRACE: CrashPoint[] = [
  { point: 'grace:saved' },
  { point: 'revoke:deleted' },
  { point: 'revoke:done' },
];
/** Plays the crash during `call`; after the restart, whatever the vault stores still manages
 * the instance. */
const crashDuring = (crash: CrashPoint, call: () => Promise<unknown>): Promise<RotationView> =>
  crashAndRestart(f, crash, call, { restarted: expectManageable });

describe('a crash during an admin rotation', () => {
  it.each(BEFORE_GRACE.map((c) => [crashLabel(c), c] as const))(
    'at %s, then resume: rotated',
    async (_, crash) => {
      const open = await crashDuring(crash, start);
      const view = await f.api.rotation.resume({ rotationId: open.id });
      expect(view.status).toBe('waiting');
      const value = await redeem(view);
      await expectAdminRotated(await f.api.rotation.revoke({ rotationId: view.id }), value);
    },
  );

  it.each(BEFORE_GRACE.map((c) => [crashLabel(c), c] as const))(
    'at %s, then rollback: the old admin key stored again',
    async (_, crash) => {
      const open = await crashDuring(crash, start);
      await expectAdminRolledBack(await f.api.rotation.rollback({ rotationId: open.id }));
    },
  );

  it.each(AFTER_GRACE.map((c) => [crashLabel(c), c] as const))(
    'at %s: only forward, the old key deleted once',
    async (_, crash) => {
      const started = await start();
      const value = await redeem(started);
      const open = await crashDuring(crash, () =>
        f.api.rotation.revoke({ rotationId: started.id }),
      );
      await expectAdminRotated(await f.api.rotation.resume({ rotationId: open.id }), value);
    },
  );

  it.each(
    [{ point: 'rollback:switched' }, { point: 'rollback:flow', nth: 1 }].map(
      (c) => [crashLabel(c), c] as const,
    ),
  )('at %s during rollback, then resume finishes the rollback', async (_, crash) => {
    const started = await start();
    const open = await crashDuring(crash, () =>
      f.api.rotation.rollback({ rotationId: started.id }),
    );
    await expectAdminRolledBack(await f.api.rotation.resume({ rotationId: open.id }));
    expect(deletesOf(f.flowise, admin.id)).toBe(0);
  });
});

describe('the new admin key deleted on the server', () => {
  /** Someone deletes the replacement, which the vault already stores as the admin key. */
  function deleteNewAdminKey(view: RotationView): void {
    expect(f.flowise.state.keys.delete(view.newKey?.id ?? '')).toBe(true);
  }

  it('rollback makes its own calls with the old admin key from the journal, not the deleted one, and stores the old key again', async () => {
    const started = await start();
    deleteNewAdminKey(started);
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    expect(back.error).toBeUndefined();
    await expectAdminRolledBack(back);
  });

  it('revoke reads the 401 as the new key gone (checked with the old key), keeps the old key, and resume makes another', async () => {
    const started = await start();
    await redeem(started);
    deleteNewAdminKey(started);
    const stopped = await f.api.rotation.revoke({ rotationId: started.id });
    expect(stopped).toMatchObject({ status: 'failed', newKeyGone: true, canRollback: true });
    expect(stopped.error?.message).toContain('no longer on the server');
    expect(f.flowise.state.keys.has(admin.id)).toBe(true);
    const again = await f.api.rotation.resume({ rotationId: started.id });
    expect(again.status).toBe('waiting');
    const value = await redeem(again);
    await expectAdminRotated(await f.api.rotation.revoke({ rotationId: again.id }), value);
  });

  it('resume after a stop at switch reads the 401 as the new key gone, and creating it again finishes', async () => {
    f.when('switch:saved', () => {
      f.flowise.fault({ method: 'GET', path: '/apikey', status: 500, times: 1 });
    });
    const failed = await start();
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'switch' });
    deleteNewAdminKey(failed);
    const stopped = await f.api.rotation.resume({ rotationId: failed.id });
    expect(stopped).toMatchObject({ status: 'failed', newKeyGone: true });
    await expectManageable();
    const again = await f.api.rotation.resume({ rotationId: failed.id });
    expect(again.status).toBe('waiting');
    const value = await redeem(again);
    await expectAdminRotated(await f.api.rotation.revoke({ rotationId: again.id }), value);
  });
});
