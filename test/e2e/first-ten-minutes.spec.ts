// A new user's first ten minutes against the real Flowise, by roles and labels: create a vault, add
// the instance, create a key (shown once), copy it, bind it to a flow, rotate it up to grace and roll
// back, create a credential, and read it all back in the audit log. The server is checked after the
// rollback: the flow is on the original key and the replacement is gone.
import { randomBytes } from 'node:crypto';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { expect, test } from './fixtures.js';
import { AuditPage } from './pages/audit-pages.js';
import { CredentialsPage } from './pages/credentials-pages.js';
import { ClipboardToast, KeysPage } from './pages/keys-pages.js';
import { RotationPage } from './pages/rotation-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

test("a new user's first ten minutes: vault, instance, key, copy, bind, rotate and roll back, credential, audit", async ({
  app,
  flowise,
}, testInfo) => {
  // Keys hold their own permissions from 3.0.13 on; the walk is written against 3.1.4.
  const version = /\d+\.\d+\.\d+/.exec(testInfo.project.name)?.[0];
  test.skip(version !== undefined && version !== '3.1.4', 'The walk is written for Flowise 3.1.4.');
  const rest = flowiseRest(flowise);
  const keyName = unique('e2e-first-key');
  const flowName = unique('e2e-first-flow');
  const credentialName = unique('e2e-first-openai');
  const credentialSecret = `sk-e2e-first-${randomBytes(16).toString('hex')}`;
  const { id: flowId } = await rest.createFlow(flowName);
  const page = app.page;
  try {
    // A vault, then the instance it manages.
    const frame = await createVaultAndAddInstance(page, flowise);

    // A key, shown once.
    await frame.open('Keys');
    const keys = new KeysPage(page);
    const reveal = await keys.create(keyName);
    await expect(reveal.warning).toBeVisible();
    const value = (await reveal.value.textContent()) ?? '';
    expect(value.length).toBeGreaterThan(20);
    await reveal.doneButton.click();
    await expect(reveal.dialog).toHaveCount(0);
    await keys.find(keyName);
    await expect(keys.row(keyName)).toContainText(`••••${value.slice(-4)}`);
    const original = (await rest.listKeys()).find((k) => k.keyName === keyName);
    expect(original?.apiKey).toBe(value);

    // Copied: the clipboard toast says so.
    await keys.copy(keyName);
    await expect(new ClipboardToast(page).status).toHaveText(/^Copied .+\. Clears in \d+ s\.$/);

    // Bound to the flow made on the server.
    await keys.openFlows();
    const bind = await keys.askBind(flowName);
    await bind.key(keyName).check();
    await bind.saveButton.click();
    await expect(bind.dialog).toHaveCount(0);
    await expect(keys.flowKey(flowName)).toHaveText(`Key: ${keyName}`);
    expect(await rest.call<{ apikeyid?: string }>('GET', `/chatflows/${flowId}`)).toMatchObject({
      apikeyid: original?.id,
    });

    // Rotated up to grace, then rolled back.
    await frame.open('Rotation');
    const rotation = new RotationPage(page);
    const wizard = await rotation.openWizard();
    await wizard.key(keyName).check();
    await wizard.reviewButton.click();
    await expect(wizard.flows).toContainText(flowName);
    await wizard.startButton.click();
    await expect(wizard.newKey).toBeVisible({ timeout: 30_000 });
    const replacement = (await wizard.newKey.textContent()) ?? '';
    await wizard.storedButton.click();
    await expect(wizard.grace).toBeVisible();
    const fresh = (await rest.listKeys()).find((k) => k.apiKey === replacement);
    expect(fresh).toBeDefined();
    const confirm = await wizard.askRollback();
    await expect(confirm.flow(flowName)).toBeVisible();
    await confirm.confirmButton.click();
    await expect(confirm.dialog).toHaveCount(0);
    await expect(wizard.summary).toContainText('Rolled back', { timeout: 30_000 });
    await wizard.closeButton.click();

    // On the server: the flow is back on the original key, the replacement is gone.
    expect(await rest.call<{ apikeyid?: string }>('GET', `/chatflows/${flowId}`)).toMatchObject({
      apikeyid: original?.id,
    });
    const after = await rest.listKeys();
    expect(after.map((k) => k.id)).toContain(original?.id);
    expect(after.map((k) => k.id)).not.toContain(fresh?.id);
    expect((await rest.send('GET', '/chatflows', undefined, replacement)).status).toBe(401);

    // A credential.
    await frame.open('Credentials');
    const credentials = new CredentialsPage(page);
    await credentials.create({ search: 'openai', label: 'OpenAI API' }, credentialName, {
      'OpenAI Api Key': credentialSecret,
    });
    await expect(credentials.announcement).toHaveText(`${credentialName} created.`);

    // The audit log tells the story.
    await frame.open('Audit');
    const audit = new AuditPage(page);
    await expect(audit.row('Instance added', 'local')).toHaveCount(1);
    await expect(audit.row('API key created', keyName)).toHaveCount(1);
    await expect(audit.row('API key copied', keyName)).toHaveCount(1);
    await expect(audit.row('Flow key assigned', flowName)).toHaveCount(1);
    const steps = audit.row('Rotation step', keyName);
    await expect(steps.filter({ hasText: 'grace period begins' })).toHaveCount(1);
    await expect(steps.filter({ hasText: 'rollback begins' })).toHaveCount(1);
    await expect(
      steps.filter({
        hasText: /rolled back: 1 flow moved back, 1 of 1 read back .+new key deleted/,
      }),
    ).toHaveCount(1);
    await expect(audit.row('Credential created', credentialName)).toHaveCount(1);
    await audit.verify();
    await expect(audit.verified).toBeVisible();
    expect(await page.content()).not.toContain(value);
    expect(await page.content()).not.toContain(replacement);
  } finally {
    await rest.call('DELETE', `/chatflows/${flowId}`).catch(() => undefined);
    for (const key of await rest.listKeys())
      if (key.keyName.startsWith(keyName)) await rest.call('DELETE', `/apikey/${key.id}`);
    const rows = await rest.call<{ id: string; name: string }[]>('GET', '/credentials');
    for (const row of rows.filter((r) => r.name === credentialName))
      await rest.call('DELETE', `/credentials/${row.id}`);
  }
});
