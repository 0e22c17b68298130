// keys.split: a key bound to many flows becomes one key per flow, with the same permissions, and
// each flow is rebound to its own. It keeps no journal: every step is idempotent by the new key's
// name, so a split cut short anywhere is finished by running it again, and it never deletes a key,
// so no flow can be left bound to a key that is gone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { FakeChatflow, FakeKey } from '../fakes/fake-flowise-state.js';
import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;
let old: FakeKey;
let flows: FakeChatflow[];
const PERMISSIONS = ['chatflows:view', 'agentflows:view', 'apikeys:view'];

beforeEach(async () => {
  f = await startCoreWithFlowise();
  old = f.flowise.addKey('deploy', PERMISSIONS);
  flows = ['support', 'sales', 'ops'].map((name) =>
    f.flowise.addChatflow(name, { apikeyid: old.id }),
  );
});
afterEach(async () => {
  await f.close();
});

const keyOf = (flow: FakeChatflow): FakeKey | undefined => {
  const id = f.flowise.state.chatflows.get(flow.id)?.apikeyid;
  return id === null || id === undefined ? undefined : f.flowise.state.keys.get(id);
};
const keyNames = (): string[] => [...f.flowise.state.keys.values()].map((k) => k.keyName).sort();

describe('splitting a key bound to many flows', () => {
  it('makes one key per flow with the same permissions, rebinds each flow, and shows each value once', async () => {
    const result = await f.api.keys.split({ instanceId: f.instanceId, keyId: old.id });
    expect(result.failed).toEqual([]);
    expect(result.created.map((c) => c.key.keyName).sort()).toEqual([
      'deploy – ops',
      'deploy – sales',
      'deploy – support',
    ]);
    for (const flow of flows) {
      const own = keyOf(flow);
      expect(own?.keyName).toBe(`deploy – ${flow.name}`);
      expect(own?.permissions).toEqual(PERMISSIONS);
    }
    // The old key stays until the person deletes it: apps may still be moving off it.
    expect(f.flowise.state.keys.has(old.id)).toBe(true);
    const first = result.created[0];
    if (first?.ticket === undefined) throw new Error('no ticket');
    const { value } = await f.api.keys.reveal({ ticket: first.ticket });
    expect(value).toBe(f.flowise.state.keys.get(first.key.id)?.apiKey);
    await expect(f.api.keys.reveal({ ticket: first.ticket })).rejects.toMatchObject({
      code: 'not_found',
    });
    const { records } = await f.api.audit.list({});
    expect(records.filter((r) => r.action === 'key.create')).toHaveLength(3);
    expect(records.filter((r) => r.action === 'chatflow.bind')).toHaveLength(3);
    expect(JSON.stringify(records)).not.toContain(value);
  });

  it('finishes a split cut short when run again, reusing the keys it made by name', async () => {
    // The second rebind never answers: the split stops there, one flow moved, one key made but
    // not bound, one flow not touched.
    f.flowise.fault({ method: 'PUT', path: /^\/chatflows\//, times: 1, reset: true });
    f.flowise.fault({ method: 'PUT', path: /^\/chatflows\//, times: 99, status: 500 });
    const cut = await f.api.keys.split({ instanceId: f.instanceId, keyId: old.id });
    expect(cut.failed.length).toBeGreaterThan(0);
    f.flowise.clearFaults();

    const again = await f.api.keys.split({ instanceId: f.instanceId, keyId: old.id });
    expect(again.failed).toEqual([]);
    expect(keyNames()).toEqual(
      [
        'deploy',
        'deploy – ops',
        'deploy – sales',
        'deploy – support',
        f.flowise.state.keys.get(f.flowise.adminKeyId)?.keyName ?? '',
      ].sort(),
    );
    for (const flow of flows) expect(keyOf(flow)?.keyName).toBe(`deploy – ${flow.name}`);
  });

  it('names the keys of two flows with the same name apart', async () => {
    const twin = f.flowise.addChatflow('support', { apikeyid: old.id });
    await f.api.keys.split({ instanceId: f.instanceId, keyId: old.id });
    const names = [flows[0], twin].map((flow) => (flow === undefined ? '' : keyOf(flow)?.keyName));
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => n?.startsWith('deploy – support'))).toBe(true);
  });

  it('refuses a key bound to fewer than two flows: there is nothing to split', async () => {
    const lone = f.flowise.addKey('lone');
    f.flowise.addChatflow('solo', { apikeyid: lone.id });
    await expect(
      f.api.keys.split({ instanceId: f.instanceId, keyId: lone.id }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    expect(keyNames()).not.toContain('lone – solo');
  });
});
