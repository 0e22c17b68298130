// Rotation policies on the real Flowise: a key given a maximum age of 0 days through its Rotation
// policy dialog is due at once, so the banner after an unlock names it, the Rotation page's Due
// list has it, and "Rotate all due" rotates it through the bulk rotation. Only this test's key
// (by its unique name) is asserted on; the admin key and other tests' keys are left alone.
import { randomBytes } from 'node:crypto';

import { flowiseRest } from '../flowise/flowise-rest.js';
import { expect, test } from './fixtures.js';
import { BulkRotationDialog } from './pages/bulk-rotation-pages.js';
import { KeysPage } from './pages/keys-pages.js';
import { DueBanner, DueList, KeyPolicyDialog } from './pages/policy-pages.js';
import { UnlockPage } from './pages/vault-pages.js';
import { PASSWORD, createVaultAndAddInstance } from './pages/vault-setup-pages.js';

interface KeyRow {
  id: string;
  keyName: string;
  apiKey: string;
}

test('a key with a 0-day policy is named on unlock, listed as Due, and rotated by Rotate all due', async ({
  app,
  flowise,
}) => {
  const rest = flowiseRest(flowise);
  const keyName = `e2e-due-${randomBytes(4).toString('hex')}`;
  const created = await rest.call<KeyRow[]>('POST', '/apikey', {
    keyName,
    permissions: ['chatflows:view'],
  });
  const old = created.find((r) => r.keyName === keyName);
  if (old === undefined) throw new Error('Flowise did not list the new key.');

  try {
    const frame = await createVaultAndAddInstance(app.page, flowise);
    await frame.open('Keys');
    const keys = new KeysPage(app.page);
    await keys.find(keyName);
    await (await KeyPolicyDialog.open(app.page, keyName)).save(0);
    await expect(keys.announcement).toHaveText(`${keyName} is due for rotation after 0 days.`);

    await frame.lockButton.click();
    await new UnlockPage(app.page).unlock(PASSWORD);
    const banner = new DueBanner(app.page);
    await expect(banner.region).toContainText(`"${keyName}" on local`);
    await banner.showDueListButton.click();
    const due = new DueList(app.page);
    await expect(due.rows(keyName)).toHaveCount(1);
    await expect(due.rows(keyName)).toContainText("0 days maximum, from the key's policy");

    await due.rotateAllButton.click();
    const bulk = new BulkRotationDialog(app.page);
    await expect(bulk.reviewRow(keyName, 'local')).toContainText('Yes');
    await bulk.start('1 key');
    await expect(bulk.newKey).toBeVisible({ timeout: 30_000 });
    const value = (await bulk.newKey.textContent()) ?? '';
    await bulk.storedButton.click();
    await bulk.revokeAll();
    await expect(bulk.summary).toContainText('1 key rotated, old key revoked', {
      timeout: 30_000,
    });
    await bulk.closeButton.click();

    // The old key is gone from the server; the new one took its name.
    const after = await rest.call<KeyRow[]>('GET', '/apikey');
    expect(after.map((r) => r.id)).not.toContain(old.id);
    expect(after.find((r) => r.apiKey === value)?.keyName).toBe(keyName);
    expect((await rest.send('GET', '/chatflows', undefined, old.apiKey)).status).toBe(401);
    // The new key keeps the old key's 0-day policy (main/core/policies/policy-store.ts), so it is
    // due at once too: the one row left under the name is the new key's, the old key's is gone.
    await expect(due.rows(keyName)).toHaveCount(1);
    await frame.open('Keys');
    await keys.find(keyName);
    const policy = await KeyPolicyDialog.open(app.page, keyName);
    await expect(policy.maxAge).toHaveValue('0');
    await policy.useInstanceButton.click();
    await expect(keys.announcement).toHaveText(
      `${keyName} follows the instance's rotation policy.`,
    );
    await frame.open('Rotation');
    await expect(due.region).toBeVisible();
    await expect(due.rows(keyName)).toHaveCount(0);
  } finally {
    const left = await rest.call<KeyRow[]>('GET', '/apikey');
    for (const row of left.filter((r) => r.keyName.startsWith(keyName)))
      await rest.call('DELETE', `/apikey/${row.id}`);
  }
});
