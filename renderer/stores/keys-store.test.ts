import { describe, expect, it } from 'vitest';

import { AppError } from '../../common/errors.js';
import type { FakeApiInit } from '../testing/fake-api.js';
import { createFakeApi } from '../testing/fake-api.js';
import { createKeysStore } from './keys-store.js';

const VALUE = 'fkv-existing-key-VALUE-0123456789abcdef';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await Promise.resolve();
}

async function shown(init: FakeApiInit = {}) {
  const fake = createFakeApi({
    state: 'unlocked',
    password: 'pw',
    instances: [{ name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: 'a'.repeat(40) }],
    ...init,
  });
  const instanceId = fake.instances.snapshot().instances[0]?.id ?? '';
  const existing = fake.keys.seedKey(instanceId, 'existing', VALUE);
  const store = createKeysStore(fake.api, () => 1_000);
  const disconnect = store.getState().connect();
  await store.getState().show(instanceId);
  return { fake, store, instanceId, existing, disconnect };
}

describe('createKeysStore', () => {
  it('loads the keys and flows of the instance it shows', async () => {
    const { fake, store, instanceId, existing } = await shown();
    fake.keys.seedChatflow(instanceId, 'Support bot', existing.id);
    await store.getState().refresh();
    const state = store.getState();
    expect(state.instanceId).toBe(instanceId);
    expect(state.keys?.map((k) => k.keyName)).toEqual(['existing']);
    expect(state.keys?.[0]?.boundFlows.map((f) => f.name)).toEqual(['Support bot']);
    expect(state.chatflows?.map((f) => [f.name, f.keyName])).toEqual([['Support bot', 'existing']]);
    expect(JSON.stringify(state)).not.toContain(VALUE);
  });

  it('keeps a load failure in words, and drops it on the next good load', async () => {
    const { fake, store } = await shown();
    fake.failNext('keys.list', new AppError('network', 'prod.example.com refused the connection.'));
    await store.getState().refresh();
    expect(store.getState().keysError?.message).toBe('prod.example.com refused the connection.');
    await store.getState().refresh();
    expect(store.getState().keysError).toBeNull();
  });

  it('creates a key, hands the ticket back without keeping it, and never holds the value', async () => {
    const { fake, store } = await shown();
    const outcome = await store.getState().create('deploy', ['chatflows:view']);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(store.getState().keys?.map((k) => k.keyName)).toEqual(['existing', 'deploy']);
    const { value } = await fake.api.keys.reveal({ ticket: outcome.value.ticket });
    const state = JSON.stringify(store.getState());
    expect(state).not.toContain(value);
    expect(state).not.toContain(outcome.value.ticket);
  });

  it('passes reauth_required back so the caller can ask for the password', async () => {
    const { fake, store, existing } = await shown();
    fake.keys.setCopyPassword('master');
    const first = await store.getState().copy(existing.id);
    expect(first).toMatchObject({ ok: false, error: { code: 'reauth_required' } });
    expect(fake.keys.clipboardText()).toBeNull();
    const second = await store.getState().copy(existing.id, 'master');
    expect(second.ok).toBe(true);
    expect(fake.keys.clipboardText()).toBe(VALUE);
    expect(JSON.stringify(store.getState())).not.toContain(VALUE);
  });

  it('follows the clipboard events and clears on request', async () => {
    const { fake, store, existing } = await shown();
    await store.getState().copy(existing.id);
    expect(store.getState().clipboard).toMatchObject({
      phase: 'counting',
      label: 'API key existing',
      receivedAt: 1_000,
    });
    expect(await store.getState().clearClipboard()).toBeNull();
    expect(store.getState().clipboard).toEqual({
      phase: 'done',
      label: 'API key existing',
      reason: 'manual',
      cleared: true,
    });
    expect(fake.keys.clipboardText()).toBeNull();
    store.getState().dismissClipboard();
    expect(store.getState().clipboard).toBeNull();
  });

  it('refuses a delete of a bound key until the name is typed, then reloads', async () => {
    const { fake, store, instanceId, existing } = await shown();
    fake.keys.seedChatflow(instanceId, 'Support bot', existing.id);
    const refused = await store.getState().remove(existing.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    const done = await store.getState().remove(existing.id, 'existing');
    expect(done.ok).toBe(true);
    expect(store.getState().keys).toEqual([]);
    expect(store.getState().chatflows?.[0]?.keyId).toBeUndefined();
  });

  it('renames, binds and reloads both lists', async () => {
    const { fake, store, instanceId, existing } = await shown();
    const flow = fake.keys.seedChatflow(instanceId, 'Support bot');
    await store.getState().update(existing.id, { keyName: 'renamed' });
    expect(store.getState().keys?.[0]?.keyName).toBe('renamed');
    const bound = await store.getState().bind(flow.id, existing.id);
    expect(bound).toMatchObject({ ok: true, value: { keyName: 'renamed' } });
    expect(store.getState().keys?.[0]?.boundFlows).toHaveLength(1);
    expect(fake.calls.filter((c) => c === 'keys.update')).toHaveLength(1);
  });

  it('forgets everything when the vault locks, and ignores answers from before', async () => {
    const { fake, store, existing } = await shown();
    await store.getState().copy(existing.id);
    const late = store.getState().refresh();
    fake.lockFromMain('idle');
    await late;
    await settle();
    expect(store.getState()).toMatchObject({
      instanceId: null,
      keys: null,
      chatflows: null,
      clipboard: null,
    });
  });

  it('loads every instance side by side on request', async () => {
    const { store } = await shown();
    expect(store.getState().all).toBeNull();
    await store.getState().loadAll();
    expect(store.getState().all?.instances.map((i) => [i.instanceName, i.keys.length])).toEqual([
      ['Prod', 1],
    ]);
    expect(JSON.stringify(store.getState())).not.toContain(VALUE);
  });

  it('drops the old instance at once when switching, and without one asks for a choice', async () => {
    const { store } = await shown();
    await store.getState().show(null);
    expect(store.getState().keys).toBeNull();
    expect(await store.getState().copy('key-1')).toMatchObject({
      ok: false,
      error: { message: 'Choose an instance first.' },
    });
  });
});
