// Delivery targets end to end on the real Flowise: a key with a .env target (checked by a small
// loopback server that answers 200 only for a key Flowise accepts and that is not the old one) and
// a command target (a program that writes what it reads on stdin to a file). After the rotation,
// both hold the new key, the check passed, and the old key is refused. A second rotation, whose
// check fails, offers no revoke without the confirmation naming what failed. The secret scan after
// the spec (fixtures.ts) finds the new keys nowhere but in the targets, outside the data folder,
// and the encrypted vault.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { expect, test } from './fixtures.js';
import { DeliveryParts, TargetsDialog } from './pages/delivery-pages.js';
import { KeysPage } from './pages/keys-pages.js';
import { RotationPage } from './pages/rotation-pages.js';
import type { RotationWizard } from './pages/rotation-pages.js';
import { PASSWORD, createVaultAndAddInstance } from './pages/vault-setup-pages.js';

const WRITE_STDIN =
  "const fs=require('fs');fs.writeFileSync(process.argv[1],fs.readFileSync(0,'utf8'))";

interface KeyRow {
  id: string;
  keyName: string;
  apiKey: string;
}

test('a key with a .env target and a command target: delivered, checked, the old key refused; a failed check holds revoke back', async ({
  app,
  flowise,
}) => {
  test.skip(
    app.harness === undefined,
    'Main’s command confirmation is answered through the harness.',
  );
  const harness = app.harness;
  if (harness === undefined) return;
  const rest = flowiseRest(flowise);
  const keyName = `e2e-deliver-${randomBytes(4).toString('hex')}`;
  const key = await rest.createKey(keyName, ['chatflows:view']);
  const flow = await rest.createFlow(`${keyName}-flow`, 'pong');
  await rest.bindFlow(flow.id, key.id);
  const dir = await mkdtemp(join(tmpdir(), 'fkv-e2e-targets-'));
  const envFile = join(dir, 'app.env');
  const storeFile = join(dir, 'store.txt');
  await writeFile(envFile, '# the chat app\nFLOWISE_API_KEY=placeholder\n', { mode: 0o600 });

  // The app's health check: 200 only for a key Flowise accepts, never for a key being replaced.
  const replaced = new Set<string>([key.apiKey]);
  let failing = false;
  const checks: string[] = [];
  const server = createServer((req, res) => {
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    void (async () => {
      const known = (await rest.send('GET', '/chatflows', undefined, bearer)).status === 200;
      res.statusCode = !failing && known && !replaced.has(bearer) ? 200 : 401;
      checks.push(String(res.statusCode));
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const checkUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/health`;

  try {
    const page = app.page;
    const frame = await createVaultAndAddInstance(page, flowise);
    await frame.open('Keys');
    const keys = new KeysPage(page);
    await keys.search.fill(keyName);
    await keys
      .row(keyName)
      .getByRole('button', { name: /^Targets/ })
      .click();
    const targets = new TargetsDialog(page, keyName);
    await targets.addEnv({ label: 'chat app', path: envFile, checkUrl }, PASSWORD);
    await expect(targets.announcement).toHaveText('Target "chat app" saved.');
    await targets.addCommand(
      { label: 'secret store', words: [process.execPath, '-e', WRITE_STDIN, storeFile] },
      PASSWORD,
    );
    await expect(targets.list.getByRole('listitem')).toHaveCount(2);
    await targets.close();

    // The person says yes in main's own box; the harness stands in for it.
    harness.confirmations.answer = true;
    await frame.open('Rotation');
    const rotation = new RotationPage(page);

    async function rotate(): Promise<{
      wizard: RotationWizard;
      parts: DeliveryParts;
      value: string;
    }> {
      const wizard = await rotation.openWizard();
      await wizard.key(keyName).check();
      await wizard.reviewButton.click();
      const parts = new DeliveryParts(wizard.dialog);
      await expect(parts.planTargets).toContainText('The new key goes to 2 delivery targets');
      await expect(parts.planTargets).toContainText(
        `.env file ${envFile}, variable FLOWISE_API_KEY`,
      );
      await wizard.startButton.click();
      await expect(wizard.newKey).toBeVisible({ timeout: 60_000 });
      const value = (await wizard.newKey.textContent()) ?? '';
      await wizard.storedButton.click();
      await expect(wizard.grace).toBeVisible();
      return { wizard, parts, value };
    }

    // First run: both targets get the new key, the check passes, revoke is offered.
    const first = await rotate();
    await expect(first.parts.result('chat app')).toContainText('received the new key');
    await expect(first.parts.result('chat app')).toContainText('Check: passed');
    await expect(first.parts.result('secret store')).toContainText('received the new key');
    expect(await readFile(envFile, 'utf8')).toBe(
      `# the chat app\nFLOWISE_API_KEY=${first.value}\n`,
    );
    expect(await readFile(storeFile, 'utf8')).toBe(first.value);
    expect(harness.confirmations.asked.map((a) => [a.purpose, a.targetLabel, a.steps])).toEqual([
      [
        'deliver',
        'secret store',
        [{ executable: process.execPath, args: ['-e', WRITE_STDIN, storeFile] }],
      ],
    ]);
    await expect(first.parts.heldBack).toHaveCount(0);
    await first.wizard.revoke();
    await expect(first.wizard.summary).toContainText('the server now refuses it (401)', {
      timeout: 30_000,
    });
    expect((await rest.send('GET', '/chatflows', undefined, key.apiKey)).status).toBe(401);
    expect((await rest.send('GET', '/chatflows', undefined, first.value)).status).toBe(200);
    await first.wizard.closeButton.click();

    // Second run: the app's check now fails, so revoke is not offered without the override.
    replaced.add(first.value);
    failing = true;
    const second = await rotate();
    await expect(second.parts.result('chat app')).toContainText('Check: failed');
    await expect(second.parts.heldBack).toContainText('the check of "chat app" failed');
    await expect(second.wizard.revokeButton).toHaveCount(0);
    await expect(second.parts.revokeAnywayButton).toBeVisible();
    expect(await readFile(storeFile, 'utf8')).toBe(second.value);
    expect((await rest.send('GET', '/chatflows', undefined, first.value)).status).toBe(200);
    // Rolled back instead: the .env file gets the first run's key back from its backup.
    const confirm = await second.wizard.askRollback();
    await confirm.confirmButton.click();
    await expect(second.wizard.summary).toBeVisible({ timeout: 30_000 });
    expect(await readFile(envFile, 'utf8')).toBe(
      `# the chat app\nFLOWISE_API_KEY=${first.value}\n`,
    );
    const rows = await rest.call<KeyRow[]>('GET', '/apikey');
    expect(rows.map((r) => r.apiKey)).not.toContain(second.value);
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
    await rest.call('DELETE', `/chatflows/${flow.id}`).catch(() => undefined);
    const left = await rest.call<KeyRow[]>('GET', '/apikey');
    for (const row of left.filter((r) => r.keyName.startsWith(keyName)))
      await rest.call('DELETE', `/apikey/${row.id}`).catch(() => undefined);
  }
});
