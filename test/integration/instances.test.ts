// instances.* through the contract against the fake Flowise: edits tested with the saved key,
// changes recorded in the audit log, and the admin key never handed back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;

beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

describe('instances', () => {
  it('tests an edit with the saved key, without saving it', async () => {
    const { api, instanceId, flowise } = f;
    const report = await api.instances.testEdit(instanceId, { name: 'renamed' });
    expect(report).toMatchObject({ ok: true, version: '3.1.4', platform: 'open source' });
    const wrong = await api.instances.testEdit(instanceId, { adminKey: 'z'.repeat(43) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const listed = await api.instances.list();
    expect(listed.instances[0]?.name).toBe('fake');
    expect(JSON.stringify(listed)).not.toContain(flowise.adminKey);
  });

  it('records add, edit and remove in the audit log, and announces the list', async () => {
    const { api, instanceId, events } = f;
    await api.instances.update(instanceId, { name: 'prod', adminKey: 'k'.repeat(43) });
    await api.instances.remove(instanceId);
    const records = (await api.audit.list({})).records.map((r) => [r.action, r.detail]);
    expect(records).toEqual([
      ['instance.remove', undefined],
      ['instance.update', 'name, admin key replaced'],
      ['instance.add', expect.stringMatching(/^http:\/\/127\.0\.0\.1:/)],
    ]);
    expect(JSON.stringify(records)).not.toContain('k'.repeat(43));
    const changes = events.events.filter((e) => e.event === 'instances.changed');
    expect(changes.length).toBeGreaterThanOrEqual(3);
  });
});
