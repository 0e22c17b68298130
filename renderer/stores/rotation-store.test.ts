import { describe, expect, it } from 'vitest';

import { AppError } from '../../common/errors.js';
import { createTestCore, TEST_PASSWORD } from '../testing/test-core.js';
import { createRotationStore, orderRotations } from './rotation-store.js';

const VALUE = 'fkv-existing-key-VALUE-0123456789abcdef';

async function setup() {
  const fake = await createTestCore({ instances: [{ name: 'Prod' }] });
  const instanceId = fake.instances[0]?.id ?? '';
  const key = fake.server.addKey('deploy', ['chatflows:view'], VALUE);
  for (const name of ['a', 'b', 'c']) fake.server.addChatflow(name, { apikeyid: key.id });
  const store = createRotationStore(fake.api);
  const disconnect = store.getState().connect();
  return { fake, instanceId, key, store, disconnect };
}

describe('createRotationStore', () => {
  it('plans, then follows a rotation through its progress events without keeping the ticket', async () => {
    const { fake, instanceId, key, store } = await setup();
    await store.getState().load();
    expect(store.getState().rotations).toEqual([]);
    const plan = await store.getState().plan(instanceId, key.id);
    expect(plan.ok && plan.value.flows.map((f) => f.name)).toEqual(['a', 'b', 'c']);

    const seen: string[] = [];
    const off = store.subscribe((s) => {
      const status = s.rotations?.[0]?.status;
      if (status !== undefined && seen.at(-1) !== status) seen.push(status);
    });
    const started = await store.getState().start({ instanceId, keyId: key.id });
    off();
    expect(started.ok && started.value.ticket).toMatch(/^[\w-]{20,}$/);
    // Progress events fed the list while start ran.
    expect(seen).toEqual(['running', 'waiting']);
    const kept = store.getState().rotations?.[0];
    expect(kept).toMatchObject({ status: 'waiting', canRevoke: true });
    expect(kept?.ticket).toBeUndefined();

    const ticket = started.ok ? (started.value.ticket ?? '') : '';
    const { value } = await fake.api.keys.reveal({ ticket });
    expect(JSON.stringify(store.getState())).not.toContain(value);
    expect(JSON.stringify(store.getState())).not.toContain(VALUE);

    const again = await store.getState().reveal(kept?.id ?? '');
    expect(again.ok && again.value.ticket).toMatch(/^[\w-]{20,}$/);
    expect(store.getState().rotations?.[0]?.ticket).toBeUndefined();

    const done = await store.getState().revoke(kept?.id ?? '');
    expect(done.ok && done.value.status).toBe('done');
    expect(store.getState().rotations?.[0]).toMatchObject({ status: 'done', unfinished: false });
  });

  it('keeps a failed step, then rolls back', async () => {
    const { fake, instanceId, key, store } = await setup();
    fake.server.fault({
      method: 'PUT',
      path: /^\/chatflows\//,
      status: 500,
      json: { message: 'boom' },
    });
    const failed = await store.getState().start({ instanceId, keyId: key.id });
    expect(failed.ok && failed.value).toMatchObject({ status: 'failed', failedStep: 'rebind' });
    const id = failed.ok ? failed.value.id : '';
    expect(store.getState().rotations?.[0]?.error?.message).toMatch(
      /^3 flows failed: "a", "b", "c"\./,
    );
    const back = await store.getState().rollback(id);
    expect(back.ok && back.value.status).toBe('rolled_back');
    const refused = await store.getState().rollback(id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
  });

  it('hands back what went wrong in words, and forgets everything on lock', async () => {
    const { fake, instanceId, key, store } = await setup();
    await store.getState().start({ instanceId, keyId: key.id });
    const twice = await store.getState().start({ instanceId, keyId: key.id });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    fake.failNext('rotation.list', new AppError('vault_locked', 'The vault is locked.'));
    await store.getState().load();
    expect(store.getState().listError?.message).toBe('The vault is locked.');
    fake.lockFromMain('manual');
    expect(store.getState()).toMatchObject({ rotations: null, listError: null });
  });

  it('reloads after an unlock, and orders unfinished rotations first', async () => {
    const { fake, instanceId, key, store } = await setup();
    const other = fake.server.addKey(
      'other',
      ['chatflows:view'],
      'fkv-other-key-VALUE-0123456789abcdef',
    );
    const first = await store.getState().start({ instanceId, keyId: other.id });
    if (first.ok) await store.getState().revoke(first.value.id);
    fake.advance(1_000);
    await store.getState().start({ instanceId, keyId: key.id });
    fake.lockFromMain('manual');
    await fake.api.vault.unlock({ password: TEST_PASSWORD });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const list = store.getState().rotations ?? [];
    expect(list).toHaveLength(2);
    expect(orderRotations(list).map((r) => [r.oldKey.name, r.unfinished])).toEqual([
      ['deploy', true],
      ['other', false],
    ]);
  });
});
