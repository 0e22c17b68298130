import { describe, expect, it, vi } from 'vitest';

import { AppError } from '../../common/errors.js';
import type { AuditPage } from '../../common/ipc/schemas/audit.js';
import { createTestCore } from '../testing/test-core.js';
import { AUDIT_PAGE_SIZE, createAuditStore } from './audit-store.js';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

async function withRecords() {
  const fake = await createTestCore({
    instances: [
      { name: 'Prod', baseUrl: 'https://prod.example.com' },
      { name: 'Lab', baseUrl: 'https://lab.example.com' },
    ],
  });
  const [prod, lab] = fake.instances;
  if (prod === undefined || lab === undefined) throw new Error('No instances seeded.');
  await fake.api.keys.create({
    instanceId: prod.id,
    keyName: 'deploy',
    permissions: ['chatflows:view'],
  });
  await fake.api.keys.create({
    instanceId: lab.id,
    keyName: 'reader',
    permissions: ['chatflows:view'],
  });
  const store = createAuditStore(fake.api);
  const disconnect = store.getState().connect();
  return { fake, store, disconnect, prod, lab };
}

const subjects = (store: ReturnType<typeof createAuditStore>): (string | undefined)[] =>
  (store.getState().records ?? []).map((r) => r.subject?.name);

describe('createAuditStore', () => {
  it('loads the newest records first, with the page size as the limit', async () => {
    const { fake, store } = await withRecords();
    const list = vi.spyOn(fake.api.audit, 'list');
    expect(store.getState().records).toBeNull();
    await store.getState().load();
    // Saving each instance was audited before the keys were made.
    expect(subjects(store)).toEqual(['reader', 'deploy', 'Lab', 'Prod']);
    expect(store.getState().total).toBe(4);
    expect(list).toHaveBeenCalledWith({ limit: AUDIT_PAGE_SIZE });
  });

  it('sends only the filters that are set, with the text trimmed', async () => {
    const { fake, store, lab } = await withRecords();
    const list = vi.spyOn(fake.api.audit, 'list');
    await store.getState().setFilter({ instanceId: lab.id });
    expect(subjects(store)).toEqual(['reader', 'Lab']);
    await store.getState().setFilter({ instanceId: null, action: 'key.create', text: '  depl ' });
    expect(list).toHaveBeenLastCalledWith({
      limit: AUDIT_PAGE_SIZE,
      action: 'key.create',
      text: 'depl',
    });
    expect(subjects(store)).toEqual(['deploy']);
    await store.getState().setFilter({ action: 'key.delete', text: '' });
    expect(store.getState().records).toEqual([]);
  });

  it('shows only the answer to the newest filter when answers cross', async () => {
    const { fake, store } = await withRecords();
    let answer: (page: AuditPage) => void = () => undefined;
    const slow = new Promise<AuditPage>((resolve) => {
      answer = resolve;
    });
    const real = fake.api.audit.list;
    vi.spyOn(fake.api.audit, 'list')
      .mockImplementationOnce(() => slow)
      .mockImplementation(real);
    const first = store.getState().setFilter({ text: 'deploy' });
    await store.getState().setFilter({ text: 'reader' });
    answer({ records: [], total: 0 });
    await first;
    expect(subjects(store)).toEqual(['reader']);
    expect(store.getState().loading).toBe(false);
  });

  it('keeps a failed load as an error of the load, and clears it on the next success', async () => {
    const { fake, store } = await withRecords();
    fake.failNext('audit.list', new AppError('internal', 'The audit log could not be read.'));
    await store.getState().load();
    expect(store.getState().error).toMatchObject({
      action: 'load',
      message: 'The audit log could not be read.',
    });
    await store.getState().load();
    expect(store.getState().error).toBeNull();
    expect(subjects(store)).toHaveLength(4);
  });

  it('verifies, and forgets the verdict on refresh', async () => {
    const { store } = await withRecords();
    await store.getState().verify();
    expect(store.getState().verification).toMatchObject({ ok: true, count: 4 });
    await store.getState().refresh();
    expect(store.getState().verification).toBeNull();
  });

  it('hands the export back without keeping it', async () => {
    const { store } = await withRecords();
    const outcome = await store.getState().exportLog();
    expect(outcome.ok && outcome.value.fileName).toMatch(/\.json$/);
    expect(JSON.stringify(store.getState())).not.toContain('"json"');
    expect(store.getState().exporting).toBe(false);
  });

  it('empties itself on lock and ignores answers from before it', async () => {
    const { fake, store, disconnect } = await withRecords();
    await store.getState().setFilter({ text: 'dep' });
    await store.getState().verify();
    const pending = store.getState().load();
    fake.lockFromMain('idle');
    await pending;
    await settle();
    expect(store.getState()).toMatchObject({
      records: null,
      verification: null,
      error: null,
      filter: { action: null, instanceId: null, text: '' },
    });
    disconnect();
    expect(fake.listenerCount('vault.locked')).toBe(0);
  });

  it('does not call a locked vault an error of the page', async () => {
    const { fake, store } = await withRecords();
    fake.lockFromMain('manual');
    await store.getState().load();
    expect(store.getState().error).toBeNull();
  });
});
