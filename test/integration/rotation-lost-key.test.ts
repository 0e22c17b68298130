// The replacement key deleted on the server behind the rotation's back (by hand, or by another
// tool): no step may bind a flow to it or delete the old key for it, rollback moves back every
// flow the server shows on it, and resume can create another replacement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { RotationFixture } from './rotation-fixture.js';
import { expectNoLockedOutFlow, expectRotated } from './rotation-expect.js';
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

const start = () => f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
const keyOf = (name: string) =>
  [...f.flowise.state.chatflows.values()].find((c) => c.name === name)?.apikeyid;

/** Someone deletes the replacement on the server (its flows, if any, are locked out by that). */
function deleteReplacement(view: RotationView): string {
  const id = view.newKey?.id ?? '';
  expect(f.flowise.state.keys.delete(id)).toBe(true);
  return id;
}

async function redeem(view: RotationView): Promise<string> {
  const ticket = view.ticket ?? (await f.api.rotation.reveal({ rotationId: view.id })).ticket ?? '';
  return (await f.api.keys.reveal({ ticket })).value;
}

describe('a replacement deleted on the server', () => {
  it('rollback moves back every flow the server shows on it, and reports only flows it read back on the old key', async () => {
    const started = await start();
    deleteReplacement(started);
    const elsewhere = f.flowise.addKey('elsewhere', ['chatflows:view']);
    const c = [...f.flowise.state.chatflows.values()].find((x) => x.name === 'c');
    if (c !== undefined) c.apikeyid = elsewhere.id;
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    expect(back.status).toBe('rolled_back');
    expect(['a', 'b'].map(keyOf)).toEqual([old.id, old.id]);
    expect(keyOf('c')).toBe(elsewhere.id);
    expect(Object.fromEntries(back.flows.map((x) => [x.name, x.state]))).toEqual({
      a: 'restored',
      b: 'restored',
      c: 'skipped',
    });
    expectNoLockedOutFlow(f.flowise);
  });

  it('resume never binds a flow to it: it stops with a clear error, then creating it again moves the flows to a fresh key', async () => {
    f.flowise.fault({ method: 'PUT', path: /^\/chatflows\//, status: 500, times: 3 });
    const failed = await start();
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'rebind' });
    const lost = deleteReplacement(failed);

    const stopped = await f.api.rotation.resume({ rotationId: failed.id });
    expect(stopped).toMatchObject({ status: 'failed', newKeyGone: true, canRollback: true });
    expect(stopped.error?.message).toContain('no longer on the server');
    expect(['a', 'b', 'c'].map(keyOf)).toEqual([old.id, old.id, old.id]);
    expectNoLockedOutFlow(f.flowise);

    const again = await f.api.rotation.resume({ rotationId: failed.id });
    expect(again.status).toBe('waiting');
    expect(again.newKeyGone).toBeUndefined();
    expect(again.newKey?.id).not.toBe(lost);
    const value = await redeem(again);
    const done = await f.api.rotation.revoke({ rotationId: again.id });
    expectRotated(f.flowise, done, old, value, 1);
  });

  it('during grace: revoke keeps the old key, and creating it again moves every flow, those left on the deleted key too, to a fresh one', async () => {
    const started = await start();
    await redeem(started);
    deleteReplacement(started);
    const stopped = await f.api.rotation.revoke({ rotationId: started.id });
    expect(stopped).toMatchObject({ status: 'failed', newKeyGone: true, canRollback: true });
    expect(f.flowise.state.keys.has(old.id)).toBe(true);

    const again = await f.api.rotation.resume({ rotationId: started.id });
    expect(again.status).toBe('waiting');
    expect(['a', 'b', 'c'].map(keyOf)).toEqual([
      again.newKey?.id,
      again.newKey?.id,
      again.newKey?.id,
    ]);
    const value = await redeem(again);
    const done = await f.api.rotation.revoke({ rotationId: again.id });
    expectRotated(f.flowise, done, old, value, 1);
  });
});
