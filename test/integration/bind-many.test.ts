// chatflows.bindMany: several flows bound to one key in one call, through the same path as a single
// bind (checked key, read back, audited per flow), with a result for each flow.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

const GONE = '00000000-0000-4000-8000-000000000000';
let f: CoreFixture;
beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

describe('binding several flows to one key', () => {
  it('binds each flow, says which one failed and why, and audits each bind', async () => {
    const key = f.flowise.addKey('shared');
    const old = f.flowise.addKey('old');
    const open = f.flowise.addChatflow('Open bot');
    const bound = f.flowise.addChatflow('Bound bot', { apikeyid: old.id });
    const result = await f.api.chatflows.bindMany({
      instanceId: f.instanceId,
      chatflowIds: [open.id, GONE, bound.id],
      keyId: key.id,
    });
    expect(result.results.map((r) => [r.chatflowId, r.ok])).toEqual([
      [open.id, true],
      [GONE, false],
      [bound.id, true],
    ]);
    const failed = result.results[1];
    expect(failed?.ok === false ? failed.error.code : '').toBe('not_found');
    const flows = await f.api.chatflows.list({ instanceId: f.instanceId });
    expect(
      flows
        .filter((c) => c.keyId === key.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Bound bot', 'Open bot']);
    const { records } = await f.api.audit.list({ action: 'chatflow.bind' });
    expect(records.map((r) => [r.subject?.name, r.detail]).sort()).toEqual([
      ['Bound bot', 'bound to key shared'],
      ['Open bot', 'bound to key shared'],
    ]);
  });

  it('binds nothing when the key is gone', async () => {
    const open = f.flowise.addChatflow('Open bot');
    await expect(
      f.api.chatflows.bindMany({ instanceId: f.instanceId, chatflowIds: [open.id], keyId: 'gone' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
