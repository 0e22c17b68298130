// Promotion between two real Flowise servers of the run's release, through the app: the run's own
// ("dev") and a second one started for these tests ("prod", the secondFlowise fixture). A credential
// is copied with its id, so a flow moved from dev finds it on prod; a key is made again on prod with
// its name and permissions and a value of prod's own, shown once. Both are audited naming dev and
// prod.
import { randomBytes, randomUUID } from 'node:crypto';

import type { Page } from '@playwright/test';

import { flowiseRest } from '../flowise/flowise-rest.js';
import type { FlowiseServer } from './fixtures.js';
import { expect, test } from './fixtures.js';
import { AuditPage } from './pages/audit-pages.js';
import { CredentialsPage } from './pages/credentials-pages.js';
import { InstancesPage } from './pages/instances-pages.js';
import { KeysPage } from './pages/keys-pages.js';
import { CopyCredentialsDialog, PromoteKeyDialog } from './pages/promote-pages.js';
import type { AppFrame } from './pages/vault-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A new vault with dev (the run's server, active) and prod (the second one). */
async function devAndProd(page: Page, dev: FlowiseServer, prod: FlowiseServer): Promise<AppFrame> {
  const frame = await createVaultAndAddInstance(page, dev, { name: 'dev' });
  await new InstancesPage(page).add({ name: 'prod', baseUrl: prod.url, adminKey: prod.apiKey });
  return frame;
}

interface CredentialRow {
  id: string;
  name: string;
  credentialName: string;
}

test('a credential copied from dev to a second real Flowise keeps its id there, audited with both instances named', async ({
  app,
  flowise,
  secondFlowise,
}) => {
  const dev = flowiseRest(flowise);
  const prod = flowiseRest(secondFlowise);
  const name = unique('e2e-promote-openai');
  const secret = `sk-e2e-${randomUUID()}`;
  const made = await dev.call<CredentialRow>('POST', '/credentials', {
    name,
    credentialName: 'openAIApi',
    plainDataObj: { openAIApiKey: secret },
  });
  try {
    const frame = await devAndProd(app.page, flowise, secondFlowise);
    await frame.open('Credentials');
    const credentials = new CredentialsPage(app.page);
    await credentials.row(name).waitFor();
    const copy = await CopyCredentialsDialog.open(app.page, name);
    await copy.planTo('prod', name);
    await expect(copy.item(name)).toContainText('OpenAI API');
    // Flowise never gives a password field back, not even through its reveal route: it is typed.
    await copy.secret(name, 'OpenAI Api Key').fill(secret);
    await copy.copy();
    await expect(copy.results).toHaveText(`${name}: copied`);

    const copied = await prod.call<CredentialRow>('GET', `/credentials/${made.id}`);
    expect([copied.id, copied.name, copied.credentialName]).toEqual([made.id, name, 'openAIApi']);
    await app.page.keyboard.press('Escape');
    await new InstancesPage(app.page).switchActive('prod');
    await expect(credentials.row(name)).toBeVisible();

    await frame.open('Audit');
    const record = new AuditPage(app.page).row('Credential copied to another instance', name);
    await expect(record).toHaveCount(1);
    await expect(record).toContainText(/from "dev" \(.+\) to "prod" \(.+\) with the same id/);
  } finally {
    await dev.call('DELETE', `/credentials/${made.id}`);
  }
});

test('a key promoted from dev to a second real Flowise gets its name and permissions there and a value of its own, shown once', async ({
  app,
  flowise,
  secondFlowise,
}) => {
  test.skip(flowise.generation !== '3.0.13+', 'Keys hold permissions from Flowise 3.0.13.');
  const dev = flowiseRest(flowise);
  const prod = flowiseRest(secondFlowise);
  const keyName = unique('e2e-promote-key');
  const source = await dev.createKey(keyName, ['chatflows:view', 'apikeys:view']);
  try {
    const frame = await devAndProd(app.page, flowise, secondFlowise);
    await frame.open('Keys');
    const keys = new KeysPage(app.page);
    await keys.find(keyName);
    const promote = await PromoteKeyDialog.open(app.page, keyName);
    await promote.planTo('prod');
    // The picker starts from the source key's permissions.
    await expect(promote.permission('chatflows:view')).toBeChecked();
    await expect(promote.permission('apikeys:view')).toBeChecked();
    await expect(promote.permission('chatflows:create')).not.toBeChecked();
    await promote.promoteButton.click();
    const value = (await promote.value.textContent()) ?? '';
    expect(value).not.toBe(source.apiKey);

    const onProd = (await prod.listKeys()).filter((k) => k.keyName === keyName);
    expect(onProd.map((k) => [k.apiKey === value, [...(k.permissions ?? [])].sort()])).toEqual([
      [true, ['apikeys:view', 'chatflows:view']],
    ]);
    await promote.doneButton.click();
    await promote.dialog.waitFor({ state: 'hidden' });

    await frame.open('Audit');
    const audit = new AuditPage(app.page);
    const record = audit.row('API key made again on another instance', keyName);
    await expect(record).toHaveCount(1);
    // One record for the promotion (and the reveal's own): no "API key created" beside it.
    await expect(audit.row('API key created', keyName)).toHaveCount(0);
    await expect(record).toContainText(/from "dev" \(.+\) to "prod" \(.+\) with a new value/);
  } finally {
    await dev.call('DELETE', `/apikey/${source.id}`);
  }
});
