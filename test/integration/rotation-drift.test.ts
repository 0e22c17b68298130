// Flows changed on the server by someone else while a rotation runs: verify reads the flows again
// and applies the rule the rebind step uses. A flow deleted meanwhile is skipped and reported, a
// flow bound to a third key is left on it and reported, a flow back on the old key is moved again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { FakeKey } from '../fakes/fake-flowise-state.js';
import type { RotationFixture } from './rotation-fixture.js';
import { expectNoLockedOutFlow } from './rotation-expect.js';
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
const flowNamed = (name: string) =>
  [...f.flowise.state.chatflows.values()].find((c) => c.name === name);
const states = (view: { flows: { name: string; state: string }[] }) =>
  Object.fromEntries(view.flows.map((x) => [x.name, x.state]));

async function details(): Promise<string> {
  const records = (await f.api.audit.list({ action: 'rotation.step' })).records;
  return records.map((r) => r.detail ?? '').join('\n');
}

describe('verify reads the flows again', () => {
  it('a flow deleted after rebind is skipped and reported, and no resume stops on its 404', async () => {
    f.when('rebind:done', () => {
      f.flowise.state.chatflows.delete(flowNamed('b')?.id ?? '');
    });
    const started = await start();
    expect(started.error).toBeUndefined();
    expect(started.status).toBe('waiting');
    expect(states(started)).toEqual({ a: 'verified', b: 'skipped', c: 'verified' });
    expect(await details()).toMatch(/verify: .*"b" \(deleted on the server\)/);
    const done = await f.api.rotation.revoke({ rotationId: started.id });
    expect(done.status).toBe('done');
    expect(flowNamed('a')?.apikeyid).toBe(started.newKey?.id);
    expectNoLockedOutFlow(f.flowise);
  });

  it('a flow deleted while verify had failed is skipped on resume, not a 404 every time', async () => {
    f.when('rebind:done', () => {
      f.flowise.fault({ method: 'GET', path: /^\/chatflows\/[^/]+$/, status: 500, times: 1 });
    });
    const failed = await start();
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'verify' });
    f.flowise.state.chatflows.delete(flowNamed('c')?.id ?? '');
    const resumed = await f.api.rotation.resume({ rotationId: failed.id });
    expect(resumed.error).toBeUndefined();
    expect(resumed.status).toBe('waiting');
    expect(states(resumed)).toMatchObject({ c: 'skipped' });
  });

  it('a flow someone moved to a third key is left on it and reported, not forced back to the new key', async () => {
    const third = f.flowise.addKey('someone-else', ['chatflows:view']);
    f.when('rebind:done', () => {
      const b = flowNamed('b');
      if (b !== undefined) b.apikeyid = third.id;
    });
    const started = await start();
    expect(started.status).toBe('waiting');
    expect(flowNamed('b')?.apikeyid).toBe(third.id);
    expect(states(started)).toEqual({ a: 'verified', b: 'skipped', c: 'verified' });
    expect(await details()).toMatch(/verify: .*"b" \(bound to another key/);
    const done = await f.api.rotation.revoke({ rotationId: started.id });
    expect(done.status).toBe('done');
    expect(flowNamed('b')?.apikeyid).toBe(third.id);
    expectNoLockedOutFlow(f.flowise);
  });

  it('a flow put back on the old key after rebind is moved to the new key again', async () => {
    f.when('rebind:done', () => {
      const a = flowNamed('a');
      if (a !== undefined) a.apikeyid = old.id;
    });
    const started = await start();
    expect(started.status).toBe('waiting');
    expect(flowNamed('a')?.apikeyid).toBe(started.newKey?.id);
    expect(states(started)).toEqual({ a: 'verified', b: 'verified', c: 'verified' });
  });
});
