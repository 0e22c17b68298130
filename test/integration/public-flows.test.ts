// "Public on purpose": a flow with no key that the person meant to leave open is remembered in the
// vault, audited, and can be undone; the Overview then stops flagging it.
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

const flowOf = async (id: string) =>
  (await f.api.chatflows.list({ instanceId: f.instanceId })).find((c) => c.id === id);

describe('public on purpose', () => {
  it('remembers a public flow as public on purpose, audited, and forgets it on undo', async () => {
    const open = f.flowise.addChatflow('website widget');
    expect((await flowOf(open.id))?.publicOnPurpose).toBeUndefined();

    await f.api.chatflows.markPublic({ instanceId: f.instanceId, chatflowId: open.id });
    expect((await flowOf(open.id))?.publicOnPurpose).toBe(true);
    expect(await f.api.chatflows.publicOnPurpose({ instanceId: f.instanceId })).toEqual([
      expect.objectContaining({ chatflowId: open.id, name: 'website widget' }),
    ]);

    await f.api.chatflows.unmarkPublic({ instanceId: f.instanceId, chatflowId: open.id });
    expect((await flowOf(open.id))?.publicOnPurpose).toBeUndefined();
    expect(await f.api.chatflows.publicOnPurpose({ instanceId: f.instanceId })).toEqual([]);

    const { records } = await f.api.audit.list({ action: 'chatflow.public' });
    expect(records.map((r) => [r.subject?.name, r.detail])).toEqual([
      ['website widget', 'no longer marked public on purpose'],
      ['website widget', 'marked public on purpose: it is meant to be called without a key'],
    ]);
  });

  it('refuses to mark a flow that has a key, since it is not public', async () => {
    const key = f.flowise.addKey('deploy');
    const guarded = f.flowise.addChatflow('support', { apikeyid: key.id });
    await expect(
      f.api.chatflows.markPublic({ instanceId: f.instanceId, chatflowId: guarded.id }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    expect(await f.api.chatflows.publicOnPurpose({ instanceId: f.instanceId })).toEqual([]);
  });

  it('forgets the mark once the flow is bound to a key', async () => {
    const key = f.flowise.addKey('deploy');
    const open = f.flowise.addChatflow('website widget');
    await f.api.chatflows.markPublic({ instanceId: f.instanceId, chatflowId: open.id });
    await f.api.chatflows.bind({ instanceId: f.instanceId, chatflowId: open.id, keyId: key.id });
    expect(await f.api.chatflows.publicOnPurpose({ instanceId: f.instanceId })).toEqual([]);
  });
});
