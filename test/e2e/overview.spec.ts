// The Overview against the real Flowise: set up by REST a public flow, a flow bound to a key that
// was then deleted, a key holding every permission and a credential no flow uses; the Overview
// names each with its fix; each one-click fix works; after a refresh the finding is gone, and the
// server shows the change. The server is shared, so only this test's own names are looked at.
import { randomUUID } from 'node:crypto';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { expect, test } from './fixtures.js';
import { OverviewPage } from './pages/overview-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

/** Each rule this test meets, told by the sentence its finding gives (overview-rules.ts). */
const RULE_OF: [string, RegExp][] = [
  ['flow-public', /^No key protects this flow/],
  ['flow-missing-key', /^This flow is bound to a key that no longer exists/],
  ['key-broad', /^This key holds (every permission|all of apikeys)/],
  ['key-unused', /^No flow uses this key and the app never copied it/],
  ['credential-unused', /^No flow uses this credential/],
];
const ruleOf = (why: string): string =>
  RULE_OF.find(([, pattern]) => pattern.test(why))?.[0] ?? `unexpected: ${why}`;

test('the Overview names a public flow, a locked-out flow, a full-permission key and an unused credential, and fixes each in one click', async ({
  app,
  flowise,
}) => {
  test.skip(
    flowise.generation !== '3.0.13+',
    'A key holding every permission is only a finding where keys hold permissions (3.0.13+).',
  );
  const rest = flowiseRest(flowise);
  const tag = `fkv-ov-${randomUUID().slice(0, 8)}`;
  const names = {
    open: `${tag}-public`,
    locked: `${tag}-locked`,
    doomed: `${tag}-doomed`,
    broad: `${tag}-broad`,
    target: `${tag}-target`,
    credential: `${tag}-credential`,
  };
  const cleanups: (() => Promise<unknown>)[] = [];

  try {
    // The set-up, by REST.
    const open = await rest.createFlow(names.open);
    const locked = await rest.createFlow(names.locked);
    cleanups.push(
      () => rest.call('DELETE', `/chatflows/${open.id}`),
      () => rest.call('DELETE', `/chatflows/${locked.id}`),
    );
    const doomed = await rest.createKey(names.doomed, ['chatflows:view']);
    await rest.bindFlow(locked.id, doomed.id);
    await rest.call('DELETE', `/apikey/${doomed.id}`);
    const admin = (await rest.listKeys()).find((k) => k.apiKey === flowise.apiKey);
    const broad = await rest.createKey(names.broad, admin?.permissions ?? []);
    const target = await rest.createKey(names.target, ['chatflows:view']);
    cleanups.push(
      () => rest.call('DELETE', `/apikey/${broad.id}`),
      () => rest.call('DELETE', `/apikey/${target.id}`),
    );
    const credential = await rest.call<{ id: string }>('POST', '/credentials', {
      name: names.credential,
      credentialName: 'openAIApi',
      plainDataObj: { openAIApiKey: `sk-${tag}-unused` },
    });
    cleanups.push(() => rest.send('DELETE', `/credentials/${credential.id}`));

    // The app: a vault, the instance, then the Overview.
    const frame = await createVaultAndAddInstance(app.page, flowise);
    await frame.open('Overview');
    const overview = new OverviewPage(app.page);
    // Exactly these rules of each subject this test made, whatever else the shared server holds.
    const rulesOf = async (): Promise<Record<string, string[]>> => {
      const found: Record<string, string[]> = {};
      for (const [role, name] of Object.entries(names))
        found[role] = (await overview.whysAbout(name)).map(ruleOf).sort();
      return found;
    };
    await overview.refresh();
    await overview.narrowTo(tag);
    await expect(overview.findingsAbout(names.open)).toHaveCount(1);
    await expect(overview.findingsAbout(names.open)).toContainText(/anyone/i);
    await expect.poll(rulesOf).toEqual({
      open: ['flow-public'],
      locked: ['flow-missing-key'],
      doomed: [],
      broad: ['key-broad', 'key-unused'],
      target: ['key-unused'],
      credential: ['credential-unused'],
    });

    // The public flow is public on purpose: one click, remembered.
    await overview.fix('Mark public on purpose', names.open);
    await expect(overview.findingsAbout(names.open)).toHaveCount(0);

    // The locked-out flow gets an existing key, through the bind dialog.
    await overview.fix('Bind an existing key', names.locked);
    const bind = overview.dialog(`Key for ${names.locked}`);
    await bind.getByRole('radio', { name: new RegExp(names.target) }).check();
    await bind.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(bind).toBeHidden();

    // The full-permission key is narrowed to reading.
    await overview.fix('Edit permissions', names.broad);
    const edit = overview.dialog(`Edit ${names.broad}`);
    await edit.getByRole('button', { name: 'Read only' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();

    // The unused credential is deleted, after its confirmation.
    await overview.fix('Delete', names.credential);
    const remove = overview.dialog(`Delete ${names.credential}?`);
    await remove.getByRole('button', { name: 'Delete credential' }).click();
    await expect(remove).toBeHidden();

    // A fresh report from the server: every one of them is gone.
    await overview.refresh();
    await overview.narrowTo(tag);
    await expect(overview.findingsAbout(names.broad)).toHaveCount(1);
    // The narrowed key is still bound to nothing: only that is left of it.
    await expect.poll(rulesOf).toEqual({
      open: [],
      locked: [],
      doomed: [],
      broad: ['key-unused'],
      target: [],
      credential: [],
    });

    // And the server says so.
    const flows = await rest.call<{ id: string; apikeyid: string | null }[]>('GET', '/chatflows');
    expect(flows.find((f) => f.id === open.id)?.apikeyid ?? null).toBeNull();
    expect(flows.find((f) => f.id === locked.id)?.apikeyid).toBe(target.id);
    const keys = await rest.listKeys();
    expect(
      keys.find((k) => k.id === broad.id)?.permissions?.every((p) => p.endsWith(':view')),
    ).toBe(true);
    const credentials = await rest.call<{ id: string }[]>('GET', '/credentials');
    expect(credentials.some((c) => c.id === credential.id)).toBe(false);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
});
