// Guided key rotation against the real Flowise (3.1.4, and each older release in its own
// project): a key bound to three flows that answer without an LLM is rotated through the wizard,
// once straight through and once across a restart of the harness while it waits in grace. The server must end with the flows
// on the new key, the new key answering predictions, and the old key refused with 401.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { startHarness } from '../harness/harness-server.js';
import type { FlowiseServer } from './fixtures.js';
import { expect, test } from './fixtures.js';
import { RotationPage } from './pages/rotation-pages.js';
import { AppFrame, UnlockPage } from './pages/vault-pages.js';
import { PASSWORD, createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const REPLY = 'pong-from-flowise';
const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A call to Flowise's REST API with any key: the status and the parsed body. */
const send = (flowise: FlowiseServer, key: string, method: string, path: string, body?: unknown) =>
  flowiseRest(flowise).send(method, path, body, key);

/** The run's bootstrap key, for what the spec sets up, checks and tears down. */
const admin = (flowise: FlowiseServer, method: string, path: string, body?: unknown) =>
  flowiseRest(flowise).call(method, path, body);

interface KeyRow {
  id: string;
  keyName: string;
  apiKey: string;
}
interface FlowRow {
  id: string;
  name: string;
  apikeyid?: string | null;
}

interface Setup {
  key: KeyRow;
  flows: FlowRow[];
  cleanup: () => Promise<void>;
}

/** A key (holding chatflows:view where keys hold permissions) bound to `count` flows that
 * answer without a model, in the shape of the server's line. */
async function setUp(flowise: FlowiseServer, count = 3): Promise<Setup> {
  const rest = flowiseRest(flowise);
  const keyName = unique('e2e-rotate');
  const key = await rest.createKey(keyName, ['chatflows:view']);
  const flows: FlowRow[] = [];
  for (let n = 1; n <= count; n += 1) {
    const name = `${keyName}-flow-${String(n)}`;
    const { id } = await rest.createFlow(name, REPLY);
    await rest.bindFlow(id, key.id);
    flows.push({ id, name });
  }
  return {
    key,
    flows,
    cleanup: async () => {
      for (const flow of flows) await admin(flowise, 'DELETE', `/chatflows/${flow.id}`);
      const left = (await admin(flowise, 'GET', '/apikey')) as KeyRow[];
      for (const row of left.filter((r) => r.keyName.startsWith(keyName)))
        await admin(flowise, 'DELETE', `/apikey/${row.id}`);
    },
  };
}

const predict = (flowise: FlowiseServer, key: string, flowId: string) =>
  send(flowise, key, 'POST', `/prediction/${flowId}`, { question: 'hello' });

async function openRotation(page: Page, flowise: FlowiseServer): Promise<RotationPage> {
  const frame = await createVaultAndAddInstance(page, flowise);
  await frame.open('Rotation');
  return new RotationPage(page);
}

/** Where each flow's binding points on the server. */
async function boundKeys(flowise: FlowiseServer, flows: FlowRow[]): Promise<(string | null)[]> {
  const answers = await Promise.all(
    flows.map((f) => admin(flowise, 'GET', `/chatflows/${f.id}`) as Promise<FlowRow>),
  );
  return answers.map((f) => f.apikeyid ?? null);
}

test('a key bound to three flows is rotated end to end, and the old key is refused', async ({
  app,
  flowise,
}) => {
  const { key, flows, cleanup } = await setUp(flowise);
  try {
    // Before: the flows answer to the old key only.
    expect((await predict(flowise, key.apiKey, flows[0]?.id ?? '')).status).toBe(200);

    const rotation = await openRotation(app.page, flowise);
    await expect(rotation.empty).toBeVisible();
    const wizard = await rotation.openWizard();
    await wizard.key(key.keyName).check();
    await wizard.reviewButton.click();

    // The plan names the three flows and is honest about the cutover.
    for (const flow of flows) await expect(wizard.flows).toContainText(flow.name);
    await expect(wizard.flows).toContainText('3 flows move to the new key');
    if (flowise.generation === '3.0.13+')
      await expect(wizard.permissions).toContainText('chatflows:view');
    await expect(wizard.cutover).toContainText('A chatflow accepts exactly one key');
    // Before 3.0.1 the model-free flow is a chatflow (test/flowise/flowise-flows.ts).
    const flowType = flowise.generation === '2.0.6-3.0.0' ? 'chatflow' : 'agentflow';
    await wizard.safeToCall(flows[0]?.name ?? '', flowType).check();
    await wizard.startButton.click();

    // Run up to the reveal; the new key is shown once.
    await expect(wizard.newKey).toBeVisible({ timeout: 30_000 });
    const value = (await wizard.newKey.textContent()) ?? '';
    expect(value.length).toBeGreaterThan(20);
    expect(value).not.toBe(key.apiKey);
    for (const step of ['Create the new key', 'Move the flows to the new key', 'Check the flows'])
      await expect(wizard.step(step)).toContainText('(done)');

    // In grace: every flow is on the new key, which answers; the old key is refused by the
    // flows (Flowise says 500 there) but still works for management calls.
    const all = (await admin(flowise, 'GET', '/apikey')) as KeyRow[];
    const fresh = all.find((r) => r.apiKey === value);
    expect(fresh?.keyName).toMatch(new RegExp(`^${key.keyName} \\(rotation [a-f0-9]{12}\\)$`));
    expect(await boundKeys(flowise, flows)).toEqual(flows.map(() => fresh?.id));
    for (const flow of flows) {
      const answer = await predict(flowise, value, flow.id);
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).toContain(REPLY);
      expect((await predict(flowise, key.apiKey, flow.id)).status).not.toBe(200);
    }
    expect((await send(flowise, key.apiKey, 'GET', '/chatflows')).status).toBe(200);

    await wizard.storedButton.click();
    await expect(wizard.newKey).toHaveCount(0);
    expect(await app.page.content()).not.toContain(value);
    await wizard.revoke();

    // Done: the old key is gone from the server and refused with 401.
    await expect(wizard.summary).toContainText('the server now refuses it (401)', {
      timeout: 30_000,
    });
    await expect(wizard.summary).toContainText('3 flows answer to the new key');
    const after = (await admin(flowise, 'GET', '/apikey')) as KeyRow[];
    expect(after.map((r) => r.id)).not.toContain(key.id);
    expect((await send(flowise, key.apiKey, 'GET', '/chatflows')).status).toBe(401);
    expect(await boundKeys(flowise, flows)).toEqual(flows.map(() => fresh?.id));
    expect((await predict(flowise, value, flows[2]?.id ?? '')).status).toBe(200);

    await wizard.closeButton.click();
    await expect(rotation.row(key.keyName)).toContainText('Done: old key revoked');
    expect(await app.page.content()).not.toContain(value);
    expect(await app.page.content()).not.toContain(key.apiKey);
    const logs = JSON.stringify(app.harness?.logger.lines ?? []);
    expect(logs).not.toContain(value);
    expect(logs).not.toContain(key.apiKey);
  } finally {
    await cleanup();
  }
});

test('a rollback confirmed in grace puts every flow back on the old key on the server and deletes the replacement', async ({
  app,
  flowise,
}) => {
  const { key, flows, cleanup } = await setUp(flowise, 2);
  try {
    const rotation = await openRotation(app.page, flowise);
    const wizard = await rotation.openWizard();
    await wizard.key(key.keyName).check();
    await wizard.reviewButton.click();
    await wizard.startButton.click();
    await expect(wizard.newKey).toBeVisible({ timeout: 30_000 });
    const value = (await wizard.newKey.textContent()) ?? '';
    await wizard.storedButton.click();
    await expect(wizard.grace).toBeVisible();

    // In grace the server has both flows on the replacement.
    const fresh = ((await admin(flowise, 'GET', '/apikey')) as KeyRow[]).find(
      (r) => r.apiKey === value,
    );
    expect(fresh).toBeDefined();
    expect(await boundKeys(flowise, flows)).toEqual(flows.map(() => fresh?.id));

    // The confirmation names each flow going back; nothing moves until it is confirmed.
    const confirm = await wizard.askRollback();
    await expect(confirm.flows.getByRole('listitem')).toHaveCount(flows.length);
    for (const flow of flows) await expect(confirm.flow(flow.name)).toBeVisible();
    expect(await boundKeys(flowise, flows)).toEqual(flows.map(() => fresh?.id));
    await confirm.confirmButton.click();
    await expect(confirm.dialog).toHaveCount(0);
    await expect(wizard.summary).toContainText('Rolled back', { timeout: 30_000 });

    // On the server, read with the admin key: every flow on the old key, the replacement gone
    // (not listed, refused with 401), and the old key still answering for the flows.
    expect(await boundKeys(flowise, flows)).toEqual(flows.map(() => key.id));
    const after = (await admin(flowise, 'GET', '/apikey')) as KeyRow[];
    expect(after.map((r) => r.id)).toContain(key.id);
    expect(after.map((r) => r.id)).not.toContain(fresh?.id);
    expect(after.filter((r) => r.keyName.startsWith(`${key.keyName} (rotation `))).toEqual([]);
    expect((await send(flowise, value, 'GET', '/chatflows')).status).toBe(401);
    for (const flow of flows)
      expect((await predict(flowise, key.apiKey, flow.id)).status).toBe(200);
  } finally {
    await cleanup();
  }
});

test('a rotation left waiting is resumed after the harness restarts', async ({
  browser,
  flowise,
  secretScan,
}, testInfo) => {
  test.skip(testInfo.project.name === 'electron', 'Restarting the core needs the harness.');
  const { key, flows, cleanup } = await setUp(flowise);
  const dataDir = await mkdtemp(join(tmpdir(), 'fkv-e2e-rotation-'));
  const start = async () => {
    const started = await startHarness({ dataDir, ...secretScan.harnessOptions() });
    secretScan.watchHarness(started);
    return started;
  };
  let harness = await start();
  const context = await browser.newContext();
  const page = await context.newPage();
  secretScan.watchPage(page);
  try {
    await page.goto(harness.url);
    const rotation = await openRotation(page, flowise);
    const wizard = await rotation.openWizard();
    await wizard.key(key.keyName).check();
    await wizard.reviewButton.click();
    await wizard.startButton.click();
    await expect(wizard.newKey).toBeVisible({ timeout: 30_000 });

    // The app stops in grace: only the journal in the vault remembers the rotation.
    await harness.close();
    harness = await start();
    await page.goto('about:blank');
    await page.goto(harness.url);
    await new UnlockPage(page).unlock(PASSWORD);
    await new AppFrame(page).open('Rotation');
    await expect(rotation.row(key.keyName)).toContainText('Waiting for you to revoke the old key');
    const resumed = await rotation.resume(key.keyName);
    await expect(resumed.status).toHaveText('Waiting for you to revoke the old key');

    // The value can be shown again while the rotation waits, and it works.
    await resumed.showAgainButton.click();
    await expect(resumed.newKey).toBeVisible();
    const value = (await resumed.newKey.textContent()) ?? '';
    expect((await predict(flowise, value, flows[1]?.id ?? '')).status).toBe(200);
    await resumed.storedButton.click();
    await resumed.revoke();
    await expect(resumed.summary).toContainText('the server now refuses it (401)', {
      timeout: 30_000,
    });
    expect((await send(flowise, key.apiKey, 'GET', '/chatflows')).status).toBe(401);
  } finally {
    await secretScan.snapshotDom(page, 'after the test');
    await context.close();
    await harness.close().catch(() => undefined);
    await secretScan.readDataDir(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    await cleanup();
  }
});
