// Credentials against the real Flowise: create an OpenAI API credential, rename it (the secret
// stays as stored), rotate its secret while a flow uses it, and delete it past the warning. What the
// API never shows (the stored secret) is read from the server's own database with its own key; the
// secrets typed must never be in the page, the harness logs or the vault's files afterwards.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { readStoredCredential } from '../flowise/flowise-credential-store.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import { targetFromEnv } from '../flowise/flowise-target.js';
import { expect, test } from './fixtures.js';
import type { FlowiseServer } from './fixtures.js';
import { CredentialsPage } from './pages/credentials-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const KEY_LABEL = 'OpenAI Api Key';

const rest = (flowise: FlowiseServer, method: string, path: string, body?: unknown) =>
  flowiseRest(flowise).call(method, path, body);

async function openCredentials(page: Page, flowise: FlowiseServer): Promise<CredentialsPage> {
  const frame = await createVaultAndAddInstance(page, flowise);
  await frame.open('Credentials');
  return new CredentialsPage(page);
}

async function readAllFiles(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return (await Promise.all(files.map((f) => readFile(f, 'latin1')))).join('\n');
}

test('create, rename, rotate and delete an OpenAI API credential without leaking its secret', async ({
  app,
  flowise,
}) => {
  const dataDir = targetFromEnv()?.dataDir;
  if (dataDir === undefined) throw new Error('No Flowise data folder to read credentials from.');
  const suffix = randomUUID().slice(0, 8);
  const name = `fkv-e2e-openai-${suffix}`;
  const renamed = `fkv-e2e-openai-renamed-${suffix}`;
  const secret = `sk-e2e-first-${randomUUID()}`;
  const rotated = `sk-e2e-rotated-${randomUUID()}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  const storedOf = async (id: string) => (await readStoredCredential(dataDir, id))?.data;

  try {
    const credentials = await openCredentials(app.page, flowise);
    await credentials.create({ search: 'openai', label: 'OpenAI API' }, name, {
      [KEY_LABEL]: secret,
    });
    await expect(credentials.announcement).toHaveText(`${name} created.`);
    await expect(credentials.row(name)).toContainText('OpenAI API');
    const rows = (await rest(flowise, 'GET', '/credentials')) as { id: string; name: string }[];
    const id = rows.find((r) => r.name === name)?.id ?? '';
    cleanups.push(() => rest(flowise, 'DELETE', `/credentials/${id}`));
    expect(await storedOf(id)).toEqual({ openAIApiKey: secret });
    expect(await app.page.content()).not.toContain(secret);

    // A rename sends no field: the stored secret is the one typed at creation.
    const edit = await credentials.edit(name);
    await expect(edit.field(KEY_LABEL)).toHaveAccessibleDescription(/Set — type to replace\./);
    await expect(edit.field(KEY_LABEL)).toHaveValue('');
    await edit.name.fill(renamed);
    await edit.saveAndClose();
    await expect(credentials.row(renamed)).toBeVisible();
    expect(await storedOf(id)).toEqual({ openAIApiKey: secret });

    const flowName = `fkv-e2e-flow-${suffix}`;
    const flow = (await rest(flowise, 'POST', '/chatflows', {
      name: flowName,
      type: 'CHATFLOW',
      flowData: JSON.stringify({
        nodes: [{ id: 'chatOpenAI_0', data: { name: 'chatOpenAI', credential: id, inputs: {} } }],
        edges: [],
      }),
    })) as { id: string };
    cleanups.push(() => rest(flowise, 'DELETE', `/chatflows/${flow.id}`));
    await credentials.refreshButton.click();
    await expect(credentials.row(renamed)).toContainText(`Used by "${flowName}".`);

    const rotation = await credentials.rotate(renamed);
    await rotation.newValue(KEY_LABEL).fill(rotated);
    await rotation.reviewButton.click();
    await expect(rotation.flows).toHaveText(new RegExp(flowName));
    await rotation.rotateButton.click();
    await rotation.dialog.waitFor({ state: 'hidden' });
    await expect(credentials.announcement).toHaveText(`${KEY_LABEL} of ${renamed} rotated.`);
    expect(await storedOf(id)).toEqual({ openAIApiKey: rotated });

    const removal = await credentials.askDelete(renamed);
    await expect(removal.flows).toHaveText(flowName);
    await expect(removal.deleteButton).toBeDisabled();
    await removal.confirmName.fill(renamed);
    await removal.deleteButton.click();
    await removal.dialog.waitFor({ state: 'hidden' });
    await expect(credentials.row(renamed)).toHaveCount(0);
    expect(await readStoredCredential(dataDir, id)).toBeUndefined();

    const page = await app.page.content();
    const logs = JSON.stringify(app.harness?.logger.lines ?? []);
    const files = await readAllFiles(app.dataDir);
    expect(page).not.toContain('_FLOWISE_BLANK_');
    for (const value of [secret, rotated]) {
      expect(page).not.toContain(value);
      expect(logs).not.toContain(value);
      expect(files).not.toContain(value);
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
});
