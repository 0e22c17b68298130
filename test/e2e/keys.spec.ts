// Keys against the real Flowise: create with a one-time reveal, copy with the clipboard cleared on
// the harness's clock, rename, bind a flow, and delete while bound.
import { randomBytes } from 'node:crypto';

import type { Page } from '@playwright/test';

import { flowiseRest } from '../flowise/flowise-rest.js';
import type { AppDriver, FlowiseServer } from './fixtures.js';
import { expect, test } from './fixtures.js';
import { ClipboardToast, KeysPage } from './pages/keys-pages.js';
import { createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

async function openKeys(page: Page, flowise: FlowiseServer): Promise<KeysPage> {
  const frame = await createVaultAndAddInstance(page, flowise);
  await frame.open('Keys');
  return new KeysPage(page);
}

/** Flowise's REST API with the run's bootstrap key, for what the spec sets up and tears down. */
const rest =
  (flowise: FlowiseServer) =>
  (method: string, path: string, body?: unknown): Promise<unknown> =>
    flowiseRest(flowise).call(method, path, body);

/** Whether the page's JavaScript heap holds the string after a garbage collection: this covers
 * the stores' state, React's and anything else the renderer keeps. */
async function heapHolds(app: AppDriver, value: string): Promise<boolean> {
  const cdp = await app.page.context().newCDPSession(app.page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
    chunks.push(chunk);
  });
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('').includes(value);
}

test('a key is shown once, copied with a countdown, renamed, bound and deleted while bound', async ({
  app,
  flowise,
}) => {
  test.skip(
    app.harness === undefined,
    'Moving the clock and reading the clipboard need the harness.',
  );
  const api = rest(flowise);
  const keyName = unique('e2e-key');
  const renamed = `${keyName}-renamed`;
  const flow = (await api('POST', '/chatflows', {
    name: unique('e2e-flow'),
    type: 'CHATFLOW',
    flowData: JSON.stringify({ nodes: [], edges: [] }),
  })) as { id: string; name: string };
  try {
    const keys = await openKeys(app.page, flowise);

    // Create: the value is shown once, in the dialog only.
    const reveal = await keys.create(
      keyName,
      flowise.generation === '3.0.13+' ? 'Read only' : null,
    );
    await expect(reveal.warning).toBeVisible();
    const value = (await reveal.value.textContent()) ?? '';
    expect(value.length).toBeGreaterThan(20);
    // The scan finds the value while the dialog holds it, so its "no" below means something.
    expect(await heapHolds(app, value)).toBe(true);
    await reveal.doneButton.click();
    await reveal.dialog.waitFor({ state: 'hidden' });
    await keys.find(keyName);
    await expect(keys.row(keyName)).toContainText(`••••${value.slice(-4)}`);
    expect(await app.page.content()).not.toContain(value);
    expect(await heapHolds(app, value)).toBe(false);
    const again = await keys.openCreate();
    await expect(app.page.getByTestId('revealed-key')).toHaveCount(0);
    await app.page.keyboard.press('Escape');
    await again.dialog.waitFor({ state: 'hidden' });

    // Copy: the clipboard holds the value until the harness's clock passes the timeout.
    const toast = new ClipboardToast(app.page);
    await keys.copy(keyName);
    await expect(toast.status).toHaveText(/^Copied .+\. Clears in \d+ s\.$/);
    expect(await app.harness?.clipboard.readText()).toBe(value);
    app.advanceClock(31_000);
    await expect(toast.status).toHaveText(/^Clipboard cleared on time: /);
    expect(await app.harness?.clipboard.readText()).toBe('');
    expect(await app.page.content()).not.toContain(value);

    // Rename.
    await keys.rename(keyName, renamed);
    await keys.find(renamed);

    // Bind the flow to it: the flow names the key, and the key counts the flow.
    await keys.openFlows();
    const bind = await keys.askBind(flow.name);
    await bind.key(renamed).check();
    await bind.saveButton.click();
    await bind.dialog.waitFor({ state: 'hidden' });
    await expect(keys.flowKey(flow.name)).toHaveText(`Key: ${renamed}`);
    await keys.find(renamed);
    await expect(keys.usage(renamed)).toHaveText(`Used by 1 flow: ${flow.name}`);

    // Delete while bound: the flow is named, the 401 spelled out, and the name must be typed.
    const remove = await keys.askDelete(renamed);
    await expect(remove.dialog).toContainText('will answer 401 until rebound');
    await expect(remove.boundFlows).toHaveText(`${flow.name} (chatflow)`);
    await expect(remove.deleteButton).toBeDisabled();
    await remove.typedName.fill(renamed);
    await remove.deleteButton.click();
    await remove.dialog.waitFor({ state: 'hidden' });
    await expect(keys.row(renamed)).toHaveCount(0);
    const left = (await api('GET', '/apikey')) as { keyName: string }[];
    expect(left.map((k) => k.keyName)).not.toContain(renamed);
    expect(await app.page.content()).not.toContain(value);
    expect(await heapHolds(app, value)).toBe(false);
    expect(JSON.stringify(app.harness?.logger.lines ?? [])).not.toContain(value);
  } finally {
    await api('DELETE', `/chatflows/${flow.id}`);
    const rows = (await api('GET', '/apikey')) as { id: string; keyName: string }[];
    for (const row of rows.filter((r) => r.keyName === keyName || r.keyName === renamed))
      await api('DELETE', `/apikey/${row.id}`);
  }
});

test("a weak admin key's refusal names the permission it lacks", async ({ app, flowise }) => {
  test.skip(
    flowise.generation !== '3.0.13+',
    `Flowise ${flowise.version} keys carry no permissions (before 3.0.13): no key is weak.`,
  );
  const api = rest(flowise);
  const weakName = unique('e2e-weak');
  const rows = (await api('POST', '/apikey', {
    keyName: weakName,
    permissions: ['apikeys:view', 'chatflows:view'],
  })) as { id: string; keyName: string; apiKey: string }[];
  const weak = rows.find((row) => row.keyName === weakName);
  if (weak === undefined) throw new Error('Flowise did not list the new key.');
  try {
    const frame = await createVaultAndAddInstance(app.page, flowise, {
      name: 'weak',
      adminKey: weak.apiKey,
    });
    await frame.open('Keys');
    const keys = new KeysPage(app.page);
    const dialog = await keys.openCreate();
    // The picker offers only what the weak key holds.
    await expect(dialog.permission('apikeys:view')).toBeVisible();
    await expect(dialog.permission('apikeys:create')).toHaveCount(0);
    await dialog.name.fill(unique('e2e-never'));
    await dialog.preset('Read only').click();
    await dialog.createButton.click();
    await expect(dialog.alert).toContainText('apikeys:create');
    expect(await app.page.content()).not.toContain(weak.apiKey);
  } finally {
    await api('DELETE', `/apikey/${weak.id}`);
  }
});
