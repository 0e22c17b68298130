// Instances against the real Flowise: a good key, a wrong key, and an address that serves a web
// page instead of the API.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Page } from '@playwright/test';

import { expect, test } from './fixtures.js';
import { InstancesPage } from './pages/instances-pages.js';
import { AppFrame, CreateVaultPage } from './pages/vault-pages.js';

const PASSWORD = 'correct horse battery staple 7';

async function openInstances(page: Page): Promise<InstancesPage> {
  await new CreateVaultPage(page).create(PASSWORD);
  await new AppFrame(page).open('Instances');
  return new InstancesPage(page);
}

test('an instance with the bootstrap key shows its version and permissions', async ({
  app,
  flowise,
}) => {
  const instances = await openInstances(app.page);
  await instances.add({ name: 'local', baseUrl: flowise.url, adminKey: flowise.apiKey });
  await instances.test('local');
  await expect(instances.status('local')).toContainText('Flowise 3.1.4, open source');
  await expect(instances.summary('local')).toContainText('Flowise 3.1.4, open source.');
  await expect(instances.summary('local')).toContainText(
    'view, create, update and delete API keys',
  );
  await expect(instances.activeBadge('local')).toBeVisible();
  expect(await app.page.content()).not.toContain(flowise.apiKey);
});

test('a wrong key is explained as a 401', async ({ app, flowise }) => {
  const instances = await openInstances(app.page);
  const dialog = await instances.openAdd();
  await dialog.fill({ name: 'wrong', baseUrl: flowise.url, adminKey: 'x'.repeat(43) });
  await dialog.testConnection();
  await expect(dialog.alert).toContainText(/key/i);
  await dialog.saveAndClose();
  await instances.test('wrong');
  await expect(instances.status('wrong')).toHaveText('Reachable, but the key was refused');
  await expect(instances.summary('wrong')).toContainText(/missing, invalid or has been deleted/i);
});

test('an address that serves a web page is explained', async ({ app }) => {
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Some site</title><p>Hello</p>');
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  try {
    const url = `http://127.0.0.1:${String((site.address() as AddressInfo).port)}`;
    const instances = await openInstances(app.page);
    await instances.add({ name: 'html', baseUrl: url, adminKey: 'y'.repeat(43) });
    await instances.test('html');
    await expect(instances.summary('html')).toContainText('does not look like a Flowise API');
  } finally {
    await new Promise((done) => site.close(done));
  }
});
