// A fault at every step of a rotation (500, timeout, HTML 200, connection reset): the step fails
// into the journal, then resume (or rollback, before revoke) finishes the job. After each: no flow
// is locked out, the new key's value is not lost, the old key is revoked exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RotationStep, RotationView } from '../../common/ipc/schemas/rotation.js';
import type { FaultSpec } from '../fakes/fake-flowise.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { RotationFixture } from './rotation-fixture.js';
import {
  expectNoLockedOutFlow,
  expectRolledBack,
  expectRotated,
  replacements,
} from './rotation-expect.js';
import { startRotationFixture } from './rotation-fixture.js';

let f: RotationFixture;
let old: FakeKey;

beforeEach(async () => {
  f = await startRotationFixture();
  old = f.flowise.addKey('deploy', ['chatflows:view', 'apikeys:view']);
  for (const name of ['a', 'b', 'c']) f.flowise.addChatflow(name, { apikeyid: old.id });
});
afterEach(async () => {
  await f.close();
});

const KINDS: Record<string, Omit<FaultSpec, 'path'>> = {
  '500': { status: 500, json: { message: 'boom' } },
  timeout: { hang: true },
  'HTML 200': { html: true },
  'connection reset': { reset: true },
};

/** Where each step's fault goes, and the hook point at which it is armed. */
const STEPS: { step: RotationStep; arm: string; spec: Pick<FaultSpec, 'method' | 'path'> }[] = [
  { step: 'create', arm: 'plan:saved', spec: { method: 'POST', path: '/apikey' } },
  { step: 'rebind', arm: 'stash:done', spec: { method: 'PUT', path: /^\/chatflows\/[^/]+$/ } },
  { step: 'verify', arm: 'rebind:done', spec: { method: 'GET', path: /^\/chatflows\/[^/]+$/ } },
  { step: 'revoke', arm: 'grace', spec: { method: 'DELETE', path: /^\/apikey\/[^/]+$/ } },
  { step: 'confirm', arm: 'revoke:done', spec: { method: 'GET', path: '/chatflows' } },
];

async function redeem(view: RotationView): Promise<string> {
  const ticket = view.ticket ?? (await f.api.rotation.reveal({ rotationId: view.id })).ticket ?? '';
  return (await f.api.keys.reveal({ ticket })).value;
}

/** Runs to the failing call, arming the fault when the engine passes `arm` ("grace": at once,
 * before revoke), and returns the view that call answered with. */
async function runWithFault(step: RotationStep, arm: string, spec: FaultSpec) {
  const arming = (): void => {
    f.flowise.fault(spec);
  };
  const afterGrace = step === 'revoke' || step === 'confirm';
  if (arm !== 'grace') f.when(arm, arming);
  const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
  if (!afterGrace) return started;
  if (arm === 'grace') arming();
  return f.api.rotation.revoke({ rotationId: started.id });
}

describe.each(Object.entries(KINDS))('a %s', (_kind, fault) => {
  it.each(STEPS)('at $step fails the step, then resume finishes', async ({ step, arm, spec }) => {
    const failed = await runWithFault(step, arm, { ...spec, ...fault, times: 1 });
    expect(failed).toMatchObject({ status: 'failed', failedStep: step, unfinished: true });
    expect(failed.error?.code).toBeDefined();
    expectNoLockedOutFlow(f.flowise);
    expect(f.flowise.state.keys.has(old.id)).toBe(step !== 'confirm');

    let view = await f.api.rotation.resume({ rotationId: failed.id });
    let value: string | undefined;
    if (view.status === 'waiting') {
      value = await redeem(view);
      view = await f.api.rotation.revoke({ rotationId: view.id });
    } else {
      // The fault came after the reveal: the person saw the value then; the server lists it.
      value = replacements(f.flowise, view)[0]?.apiKey;
    }
    // The faulted DELETE never reached Flowise's handler, so one more request went out.
    expectRotated(f.flowise, view, old, value ?? '', step === 'revoke' ? 2 : 1);
    const failures = (await f.api.audit.list({ action: 'rotation.step' })).records.filter(
      (r) => r.outcome === 'failed',
    );
    expect(failures.map((r) => r.detail?.split(':')[0])).toEqual([step]);
  });

  it.each(STEPS.filter((s) => s.step !== 'revoke' && s.step !== 'confirm'))(
    'at $step fails the step, then rollback restores the old key',
    async ({ step, arm, spec }) => {
      const failed = await runWithFault(step, arm, { ...spec, ...fault, times: 1 });
      expect(failed.canRollback).toBe(true);
      expectRolledBack(f.flowise, await f.api.rotation.rollback({ rotationId: failed.id }), old);
    },
  );
});

it('a fault while planning leaves nothing behind', async () => {
  f.flowise.fault({ method: 'GET', path: '/apikey', status: 500, times: 1 });
  await expect(
    f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id }),
  ).rejects.toMatchObject({ code: 'server_error' });
  expect((await f.api.rotation.list()).rotations).toEqual([]);
  expect(f.flowise.state.keys.size).toBe(2);
});

it('a fault during rollback is resumed as a rollback', async () => {
  const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
  f.flowise.fault({ method: 'DELETE', path: /^\/apikey\//, status: 500, times: 1 });
  const failed = await f.api.rotation.rollback({ rotationId: started.id });
  expect(failed).toMatchObject({
    status: 'failed',
    rollingBack: true,
    canRollback: true,
    canRevoke: false,
  });
  expectNoLockedOutFlow(f.flowise);
  expectRolledBack(f.flowise, await f.api.rotation.resume({ rotationId: started.id }), old);
});

it('a rebind that fails on several flows names every flow that failed, not just the first', async () => {
  f.flowise.fault({ method: 'PUT', path: /^\/chatflows\//, status: 500, times: 2 });
  const failed = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
  expect(failed).toMatchObject({ status: 'failed', failedStep: 'rebind' });
  const stuck = [...f.flowise.state.chatflows.values()]
    .filter((c) => c.apikeyid === old.id)
    .map((c) => c.name);
  expect(stuck).toHaveLength(2);
  for (const name of stuck) expect(failed.error?.message).toContain(`"${name}"`);
  expect(failed.error?.message).toContain('2 flows');
  expectNoLockedOutFlow(f.flowise);
});
