import { describe, expect, it } from 'vitest';

import { AppError } from '../../common/errors.js';
import type { TestCoreInit } from '../testing/test-core.js';
import { createTestCore, TEST_PASSWORD } from '../testing/test-core.js';
import { createKeysStore } from './keys-store.js';

const VALUE = 'fkv-existing-key-VALUE-0123456789abcdef';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

async function shown(init: TestCoreInit = {}) {
  const fake = await createTestCore({
    instances: [{ name: 'Prod', baseUrl: 'https://prod.example.com' }],
    ...init,
  });
  const instanceId = fake.instances[0]?.id ?? '';
  const server = await fake.serverOf(instanceId);
  const existing = server.addKey('existing', ['chatflows:view'], VALUE);
  const store = createKeysStore(fake.api, () => 1_000);
  const disconnect = store.getState().connect();
  await store.getState().show(instanceId);
  return { fake, store, instanceId, server, existing, disconnect };
}

// The server also lists the admin key the instance is saved with, as Flowise does.
const named = (store: ReturnType<typeof createKeysStore>, name: string) =>
  store.getState().keys?.find((k) => k.keyName === name);

describe('createKeysStore', () => {
  it('loads the keys and flows of the instance it shows', async () => {
    const { store, server, instanceId, existing } = await shown();
    server.addChatflow('Support bot', { apikeyid: existing.id });
    await store.getState().refresh();
    const state = store.getState();
    expect(state.instanceId).toBe(instanceId);
    expect(state.keys?.map((k) => k.keyName)).toEqual(['admin', 'existing']);
    expect(named(store, 'existing')?.boundFlows.map((f) => f.name)).toEqual(['Support bot']);
    expect(state.chatflows?.map((f) => [f.name, f.keyName])).toEqual([['Support bot', 'existing']]);
    expect(JSON.stringify(state)).not.toContain(VALUE);
  });

  it('keeps a load failure in words, and drops it on the next good load', async () => {
    const { fake, store } = await shown();
    fake.failNext('keys.list', new AppError('network', 'prod.example.com refused the connection.'));
    await store.getState().refresh();
    expect(store.getState().listError?.message).toBe('prod.example.com refused the connection.');
    await store.getState().refresh();
    expect(store.getState().listError).toBeNull();
  });

  it('creates a key, hands the ticket back without keeping it, and never holds the value', async () => {
    const { fake, store } = await shown();
    const outcome = await store.getState().create('deploy', ['chatflows:view']);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(store.getState().keys?.map((k) => k.keyName)).toEqual(['admin', 'existing', 'deploy']);
    const { value } = await fake.api.keys.reveal({ ticket: outcome.value.ticket });
    const state = JSON.stringify(store.getState());
    expect(state).not.toContain(value);
    expect(state).not.toContain(outcome.value.ticket);
  });

  it('passes reauth_required back so the caller can ask for the password', async () => {
    // The last unlock is older than the minute after which a copy asks for the password.
    const { fake, store, existing } = await shown({
      settings: { copyReauthMinutes: 1, autoLockMinutes: 10 },
    });
    fake.advance(2 * 60_000);
    const first = await store.getState().copy(existing.id);
    expect(first).toMatchObject({ ok: false, error: { code: 'reauth_required' } });
    expect(fake.clipboardText()).toBe('');
    const second = await store.getState().copy(existing.id, TEST_PASSWORD);
    expect(second.ok).toBe(true);
    expect(fake.clipboardText()).toBe(VALUE);
    expect(JSON.stringify(store.getState())).not.toContain(VALUE);
  });

  it('follows the clipboard events and clears on request', async () => {
    const { fake, store, existing } = await shown();
    await store.getState().copy(existing.id);
    expect(store.getState().clipboard).toMatchObject({
      phase: 'counting',
      label: 'existing',
      receivedAt: 1_000,
    });
    expect(await store.getState().clearClipboard()).toBeNull();
    expect(store.getState().clipboard).toEqual({
      phase: 'done',
      label: 'existing',
      reason: 'manual',
      cleared: true,
    });
    expect(fake.clipboardText()).toBe('');
    store.getState().dismissClipboard();
    expect(store.getState().clipboard).toBeNull();
  });

  it('refuses a delete of a bound key until the name is typed, then reloads', async () => {
    const { store, server, existing } = await shown();
    server.addChatflow('Support bot', { apikeyid: existing.id });
    const refused = await store.getState().remove(existing.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'precondition_failed' } });
    const done = await store.getState().remove(existing.id, 'existing');
    expect(done.ok).toBe(true);
    expect(named(store, 'existing')).toBeUndefined();
    // Flowise leaves the flow naming the deleted key; no key of that id is listed any more.
    expect(store.getState().chatflows?.[0]).toMatchObject({ keyId: existing.id });
    expect(store.getState().chatflows?.[0]?.keyName).toBeUndefined();
  });

  it('renames, binds and reloads both lists', async () => {
    const { fake, store, server, existing } = await shown();
    const flow = server.addChatflow('Support bot');
    await store.getState().update(existing.id, { keyName: 'renamed' });
    expect(named(store, 'renamed')).toBeDefined();
    const bound = await store.getState().bind(flow.id, existing.id);
    expect(bound).toMatchObject({ ok: true, value: { keyName: 'renamed' } });
    expect(named(store, 'renamed')?.boundFlows).toHaveLength(1);
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
    });
    // Main empties the clipboard on lock and says so; only that notice is left.
    expect(store.getState().clipboard).toEqual({
      phase: 'done',
      label: 'existing',
      reason: 'lock',
      cleared: true,
    });
  });

  it('loads every instance side by side on request', async () => {
    const { store } = await shown();
    expect(store.getState().all).toBeNull();
    await store.getState().loadAll();
    expect(store.getState().all?.instances.map((i) => [i.instanceName, i.keys.length])).toEqual([
      ['Prod', 2],
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
