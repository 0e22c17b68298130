// delivery.* as the renderer reaches it: through the core's wiring, the contract's schemas and the
// vault.
import { describe, expect, it } from 'vitest';

import { contract } from '../../../common/ipc/contract.js';
import type { TargetDraft } from '../../../common/ipc/schemas/delivery.js';
import { createCore } from '../create-core.js';
import { memoryCorePorts } from '../testing/memory-core.js';
import { PASSWORD } from '../vault/testing/vault-fixture.js';

const where = { instanceId: '7f0c1c8e-3c4b-4a39-9a43-6f1d0f8a2b10', keyId: 'key-1' };

const envDraft: TargetDraft = {
  label: 'chat app',
  target: { kind: 'env-file', path: '/srv/chat/.env', name: 'FLOWISE_API_KEY' },
  check: { kind: 'http', method: 'GET', url: 'http://127.0.0.1:3000/health', expectStatus: 200 },
};

const commandDraft: TargetDraft = {
  label: 'GitHub',
  target: {
    kind: 'command',
    run: {
      steps: [{ executable: 'gh', args: ['secret', 'set', 'FLOWISE_API_KEY', '--repo', 'o/r'] }],
      key: { via: 'stdin' },
      timeoutSeconds: 60,
    },
    idempotent: true,
  },
};

async function unlockedCore() {
  const core = createCore(memoryCorePorts());
  await core.impl.vault.create({ password: PASSWORD });
  return core;
}

describe('delivery targets through the core', () => {
  it('adding a target needs the right master password; nothing is saved or audited without it', async () => {
    const core = await unlockedCore();
    const add = (password: string) =>
      core.impl.delivery.add({ ...where, draft: envDraft, password });
    await expect(add('not the password')).rejects.toMatchObject({ code: 'wrong_password' });
    expect(await core.impl.delivery.list(where)).toEqual({ targets: [] });
    expect(core.audit.list({ action: 'delivery.target_add' }).records).toEqual([]);
    const added = await add(PASSWORD);
    expect(added).toEqual({ ...envDraft, id: expect.stringMatching(/^[a-f0-9]{12}$/) });
    expect(await core.impl.delivery.list(where)).toEqual({ targets: [added] });
    await core.shutdown();
  });

  it('the contract refuses a call to add or change a target without a password', () => {
    const add = contract.methods.delivery.add.args;
    expect(add.safeParse([{ ...where, draft: envDraft }]).success).toBe(false);
    expect(add.safeParse([{ ...where, draft: envDraft, password: PASSWORD }]).success).toBe(true);
    const update = contract.methods.delivery.update.args;
    expect(
      update.safeParse([{ ...where, targetId: 'a1b2c3d4e5f6', draft: envDraft }]).success,
    ).toBe(false);
  });

  it('audits each change with the whole definition, never the password', async () => {
    const core = await unlockedCore();
    const env = await core.impl.delivery.add({ ...where, draft: envDraft, password: PASSWORD });
    const gh = await core.impl.delivery.add({ ...where, draft: commandDraft, password: PASSWORD });
    await core.impl.delivery.update({
      ...where,
      targetId: gh.id,
      draft: { ...commandDraft, label: 'GitHub Actions' },
      password: PASSWORD,
    });
    await core.impl.delivery.remove({ ...where, targetId: env.id });
    const details = core.audit
      .list({})
      .records.filter((r) => r.action.startsWith('delivery.'))
      .map((r) => [r.action, r.detail]);
    expect(details).toEqual([
      [
        'delivery.target_remove',
        `${env.id} "chat app"; .env file /srv/chat/.env, variable FLOWISE_API_KEY, backup /srv/chat/.env.bak; check: GET http://127.0.0.1:3000/health with the new key as Bearer, expecting 200`,
      ],
      [
        'delivery.target_update',
        `${gh.id} "GitHub Actions"; command: gh secret set FLOWISE_API_KEY --repo o/r  (the new key on stdin; stopped after 60 s); idempotent; was: "GitHub"; command: gh secret set FLOWISE_API_KEY --repo o/r  (the new key on stdin; stopped after 60 s); idempotent`,
      ],
      [
        'delivery.target_add',
        `${gh.id} "GitHub"; command: gh secret set FLOWISE_API_KEY --repo o/r  (the new key on stdin; stopped after 60 s); idempotent`,
      ],
      [
        'delivery.target_add',
        `${env.id} "chat app"; .env file /srv/chat/.env, variable FLOWISE_API_KEY, backup /srv/chat/.env.bak; check: GET http://127.0.0.1:3000/health with the new key as Bearer, expecting 200`,
      ],
    ]);
    expect(JSON.stringify(core.audit.list({}).records)).not.toContain(PASSWORD);
    expect(await core.impl.delivery.list(where)).toEqual({
      targets: [{ ...commandDraft, label: 'GitHub Actions', id: gh.id }],
    });
    await core.shutdown();
  });

  it('refuses a relative .env path, and a change to a target that does not exist', async () => {
    const args = contract.methods.delivery.add.args;
    const relative = { ...envDraft, target: { ...envDraft.target, path: 'chat/.env' } };
    expect(args.safeParse([{ ...where, draft: relative, password: PASSWORD }]).success).toBe(false);
    const core = await unlockedCore();
    await expect(
      core.impl.delivery.remove({ ...where, targetId: 'a1b2c3d4e5f6' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await core.shutdown();
  });
});
