import { describe, expect, it, vi } from 'vitest';

import { AppError } from '../../common/errors.js';
import type { Api } from '../../common/ipc/contract.js';
import type { InstanceList } from '../../common/ipc/schemas/instances.js';
import type { TestCoreInit } from '../testing/test-core.js';
import { createTestCore, TEST_PASSWORD } from '../testing/test-core.js';
import { createInstancesStore } from './instances-store.js';

const KEY = 'fkv-test-admin-key-0123456789abcdef';
const OTHER_KEY = 'fkv-other-admin-key-zyxwvutsrq9876';
const draft = (name: string, adminKey = KEY) => ({
  name,
  baseUrl: `https://${name.toLowerCase()}.example.com`,
  adminKey,
});

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every fake server answers to KEY as its admin key. */
async function connected(init: TestCoreInit = {}) {
  const fake = await createTestCore({ flowise: { adminKey: KEY }, ...init });
  const store = createInstancesStore(fake.api);
  const disconnect = store.getState().connect();
  await vi.waitFor(() => {
    expect(store.getState().instances).not.toBeNull();
  });
  return { fake, store, disconnect };
}

const names = (store: ReturnType<typeof createInstancesStore>): string[] =>
  (store.getState().instances ?? []).map((i) => i.name);

describe('createInstancesStore', () => {
  it('loads the list and the active instance on connect', async () => {
    const { store } = await connected({ instances: [draft('Prod'), draft('Staging')] });
    expect(names(store)).toEqual(['Prod', 'Staging']);
    expect(store.getState().activeId).toBe(store.getState().instances?.[0]?.id);
    expect(store.getState().error).toBeNull();
  });

  it('adds an instance without ever holding its admin key', async () => {
    const { fake, store } = await connected();
    const outcome = await store.getState().add(draft('Prod'));
    expect(outcome.ok).toBe(true);
    const [added] = store.getState().instances ?? [];
    expect(added).toMatchObject({ name: 'Prod', adminKeyMasked: '••••cdef' });
    expect(store.getState().activeId).toBe(added?.id);
    expect(await fake.adminKeyOf(added?.id ?? '')).toBe(KEY);
    expect(JSON.stringify(store.getState())).not.toContain(KEY);
  });

  it('keeps a refused draft as an error without the key in it', async () => {
    const { store } = await connected();
    const outcome = await store.getState().add({ ...draft('Prod'), baseUrl: 'ftp://nope' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(store.getState().error?.action).toBe('add');
    expect(store.getState().instances).toEqual([]);
    expect(JSON.stringify(store.getState())).not.toContain(KEY);
  });

  it('updates only what is patched and forgets a stale test when the address changes', async () => {
    const { fake, store } = await connected({ instances: [draft('Prod')] });
    const id = store.getState().instances?.[0]?.id ?? '';
    await store.getState().test(id);
    expect(store.getState().instances?.[0]?.lastCheck?.ok).toBe(true);

    await store.getState().update(id, { name: 'Production' });
    expect(store.getState().instances?.[0]).toMatchObject({ name: 'Production' });
    expect(store.getState().instances?.[0]?.lastCheck?.ok).toBe(true);

    await store.getState().update(id, { baseUrl: 'https://new.example.com', adminKey: OTHER_KEY });
    expect(store.getState().instances?.[0]?.lastCheck).toBeUndefined();
    expect(store.getState().instances?.[0]?.adminKeyMasked).toBe('••••9876');
    expect(await fake.adminKeyOf(id)).toBe(OTHER_KEY);
    expect(JSON.stringify(store.getState())).not.toContain(OTHER_KEY);
  });

  it('tests an instance, marking it while under way, and keeps a failure as a report', async () => {
    const { fake, store } = await connected({ instances: [draft('Prod')] });
    const id = store.getState().instances?.[0]?.id ?? '';
    (await fake.serverOf(id)).down = true;
    const pending = store.getState().test(id);
    expect(store.getState().testing).toEqual([id]);
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: true, value: { ok: false } });
    expect(store.getState().testing).toEqual([]);
    expect(store.getState().instances?.[0]?.lastCheck?.summary).toBe(
      'prod.example.com refused the connection. Is Flowise running there?',
    );
    expect(store.getState().error).toBeNull();
  });

  it('tests a draft without keeping the report or the key', async () => {
    const { fake, store } = await connected();
    fake.flowise.server(draft('Prod').baseUrl);
    const outcome = await store.getState().testDraft(draft('Prod'));
    expect(outcome.ok && outcome.value.summary).toMatch(/^Flowise 3\.1\.4, open source\./);
    expect(store.getState().instances).toEqual([]);
    expect(JSON.stringify(store.getState())).not.toContain(KEY);
  });

  it('moves instances up and down, and ignores moves past either end', async () => {
    const { store } = await connected({
      instances: [draft('A'), draft('B'), draft('C')],
    });
    const id = (name: string): string =>
      store.getState().instances?.find((i) => i.name === name)?.id ?? '';
    expect(await store.getState().move(id('C'), -1)).toBeNull();
    expect(names(store)).toEqual(['A', 'C', 'B']);
    expect(await store.getState().move(id('A'), 1)).toBeNull();
    expect(names(store)).toEqual(['C', 'A', 'B']);
    expect(await store.getState().move(id('C'), -1)).toBeNull();
    expect(await store.getState().move(id('B'), 1)).toBeNull();
    expect(names(store)).toEqual(['C', 'A', 'B']);
    expect(store.getState().busy).toBe(false);
  });

  it('makes an instance active and removes one, letting main pick the next active', async () => {
    const { store } = await connected({ instances: [draft('A'), draft('B')] });
    const [a, b] = store.getState().instances ?? [];
    expect(await store.getState().setActive(b?.id ?? '')).toBeNull();
    expect(store.getState().activeId).toBe(b?.id);
    expect(await store.getState().remove(b?.id ?? '')).toBeNull();
    expect(names(store)).toEqual(['A']);
    expect(store.getState().activeId).toBe(a?.id);
  });

  it('keeps a failed list action as an error with its action', async () => {
    const { fake, store } = await connected({ instances: [draft('A')] });
    fake.failNext('instances.remove', new AppError('not_found', 'That instance no longer exists.'));
    const error = await store.getState().remove(store.getState().instances?.[0]?.id ?? '');
    expect(error?.code).toBe('not_found');
    expect(store.getState().error).toMatchObject({ action: 'remove', code: 'not_found' });
    expect(names(store)).toEqual(['A']);
    store.getState().clearError();
    expect(store.getState().error).toBeNull();
  });

  it('follows instances.changed from elsewhere and stops on disconnect', async () => {
    const { fake, store, disconnect } = await connected();
    await fake.api.instances.add(draft('Elsewhere'));
    fake.emit('instances.changed', await fake.api.instances.list());
    expect(names(store)).toEqual(['Elsewhere']);
    disconnect();
    expect(fake.listenerCount('instances.changed')).toBe(0);
    expect(fake.listenerCount('vault.locked')).toBe(0);
  });

  it('clears on vault.locked, ignores answers from before, and reloads on unlock', async () => {
    const fake = await createTestCore({ flowise: { adminKey: KEY }, instances: [draft('A')] });
    let answerStale: (list: InstanceList) => void = () => undefined;
    let holdNext = false;
    const api: Api = {
      ...fake.api,
      instances: {
        ...fake.api.instances,
        list: () => {
          if (!holdNext) return fake.api.instances.list();
          holdNext = false;
          return new Promise<InstanceList>((resolve) => (answerStale = resolve));
        },
      },
    };
    const store = createInstancesStore(api);
    store.getState().connect();
    await settle();
    const before = await fake.api.instances.list();
    holdNext = true;
    const stale = store.getState().load();
    fake.lockFromMain('idle');
    expect(store.getState()).toMatchObject({ instances: null, activeId: null, error: null });
    answerStale(before);
    await stale;
    expect(store.getState().instances).toBeNull();

    await fake.api.vault.unlock({ password: TEST_PASSWORD });
    await vi.waitFor(() => {
      expect(names(store)).toEqual(['A']);
    });
  });

  it('stays empty without an error while the vault is locked', async () => {
    const fake = await createTestCore({ vault: 'locked' });
    const store = createInstancesStore(fake.api);
    store.getState().connect();
    await settle();
    expect(store.getState()).toMatchObject({ instances: null, error: null });
  });
});

describe('edits that need the master password', () => {
  it('an edit without a confirmation sends no trailing argument, which IPC would turn into null', async () => {
    const { fake, store } = await connected({ instances: [draft('Prod')] });
    const sent: unknown[][] = [];
    const { testEdit, update } = fake.api.instances;
    Object.assign(fake.api.instances, {
      testEdit: (...args: Parameters<typeof testEdit>) => {
        sent.push(args);
        return testEdit(...args);
      },
      update: (...args: Parameters<typeof update>) => {
        sent.push(args);
        return update(...args);
      },
    });
    const id = store.getState().instances?.[0]?.id ?? '';
    await store.getState().testEdit(id, { name: 'x' });
    await store.getState().update(id, { name: 'x' });
    await store
      .getState()
      .update(id, { baseUrl: 'https://other.example' }, { password: TEST_PASSWORD });
    expect(sent.map((args) => args.length)).toEqual([2, 2, 3]);
  });
});
