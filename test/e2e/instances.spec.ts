// Instances against the real Flowise: a good key, a wrong key, and an address that serves a web
// page instead of the API. Certificate pinning against the fake Flowise over loopback TLS.
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect, createServer as createTcpServer } from 'node:net';

import type { Page } from '@playwright/test';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { expect, test } from './fixtures.js';
import { InstancesPage } from './pages/instances-pages.js';
import { AppFrame, CreateVaultPage } from './pages/vault-pages.js';
import { PASSWORD } from './pages/vault-setup-pages.js';

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
  await expect(instances.summary('local')).toContainText('API Keys: view, create, update, delete');
  await expect(instances.activeBadge('local')).toBeVisible();
  expect(await app.page.content()).not.toContain(flowise.apiKey);
});

test('a wrong key is explained as a 401', async ({ app, flowise }) => {
  const instances = await openInstances(app.page);
  const dialog = await instances.openAdd();
  await dialog.fill({ name: 'wrong', baseUrl: flowise.url, adminKey: 'x'.repeat(43) });
  await dialog.testConnection();
  await expect(dialog.alert).toContainText(/key/i);
  await dialog.saveAnyway();
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
    await instances.add({ name: 'html', baseUrl: url, adminKey: 'y'.repeat(43) }, true);
    await instances.test('html');
    await expect(instances.summary('html')).toContainText('does not look like a Flowise API');
  } finally {
    await new Promise((done) => site.close(done));
  }
});

test('a self-signed server is pinned through the dialog, and a changed certificate is refused before the key is sent', async ({
  app,
}) => {
  const first = await startFakeFlowise({ tls: true });
  const second = await startFakeFlowise({ tls: true });
  // One address whose certificate changes: a TCP relay in front of whichever server is current.
  let current: FakeFlowise = first;
  const open = new Set<Socket>();
  const relay = createTcpServer((socket) => {
    const upstream = connect(Number(new URL(current.url).port), '127.0.0.1');
    for (const end of [socket, upstream]) {
      open.add(end);
      end.on('close', () => open.delete(end));
    }
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => relay.listen(0, '127.0.0.1', done));
  const url = `https://127.0.0.1:${String((relay.address() as AddressInfo).port)}`;
  const sha256 = (server: FakeFlowise) =>
    new X509Certificate(server.certificate ?? '').fingerprint256;
  try {
    const instances = await openInstances(app.page);
    const dialog = await instances.openAdd();
    await dialog.fill({ name: 'lab', baseUrl: url, adminKey: first.adminKey });
    await dialog.testConnection();
    await expect(dialog.presentedCertificate).toContainText(sha256(first));
    await expect(dialog.presentedCertificate).toContainText('CN=fkv test');
    await dialog.trustButton.click();
    await expect(dialog.result).toContainText('Connection works.');
    await dialog.saveAndClose();
    await instances.test('lab');
    await expect(instances.status('lab')).toContainText('Flowise 3.1.4');

    current = second;
    await instances.test('lab');
    await expect(instances.summary('lab')).toContainText('is not the one you trusted');
    const edit = await instances.edit('lab');
    await edit.testConnection();
    await expect(edit.fingerprints).toContainText(sha256(first));
    await expect(edit.fingerprints).toContainText(sha256(second));
    await expect(edit.repinButton).toBeVisible();
    // The server behind the changed certificate never received a request, so never the key.
    expect(second.log).toEqual([]);
  } finally {
    for (const end of open) end.destroy();
    await new Promise((done) => relay.close(done));
    await second.close();
    await first.close();
  }
});
