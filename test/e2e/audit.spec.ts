// The audit log against the real Flowise: instance changes leave records that can be filtered,
// verified and exported, and the export holds no admin key. Also the clipboard settings, which
// must survive a lock and a relaunch.
import { readFile } from 'node:fs/promises';

import { expect, test } from './fixtures.js';
import { AuditPage, ClipboardSettings } from './pages/audit-pages.js';
import { InstancesPage } from './pages/instances-pages.js';
import { AppFrame, CreateVaultPage, UnlockPage } from './pages/vault-pages.js';
import { PASSWORD } from './pages/vault-setup-pages.js';

const WRONG_KEY = 'w'.repeat(43);

test('instance changes are audited, filtered, verified and exported without secrets', async ({
  app,
  flowise,
}) => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const local = `local-${suffix}`;
  const renamed = `renamed-${suffix}`;
  const other = `other-${suffix}`;
  await new CreateVaultPage(app.page).create(PASSWORD);
  const frame = new AppFrame(app.page);
  const audit = new AuditPage(app.page);
  await frame.open('Audit');
  await expect(audit.emptyState).toBeVisible();

  await frame.open('Instances');
  const instances = new InstancesPage(app.page);
  await instances.add({ name: local, baseUrl: flowise.url, adminKey: flowise.apiKey });
  await instances.test(local);
  const edit = await instances.edit(local);
  await edit.fill({ name: renamed });
  await edit.saveAndClose();
  await instances.add({ name: other, baseUrl: flowise.url, adminKey: WRONG_KEY }, true);

  await frame.open('Audit');
  // Every connection test is audited too: the one pressed on the card above, and the one Save
  // runs before adding each instance.
  await expect(audit.rows).toHaveCount(6);
  await expect(audit.rows.first()).toHaveAttribute('data-action', 'instance.add');
  await expect(audit.rows.first()).toContainText(other);
  await expect(audit.row('Instance added', local)).toHaveAttribute('data-action', 'instance.add');
  await expect(audit.row('Instance added', local)).toContainText(flowise.url);
  await expect(audit.row('Instance edited', renamed)).toContainText('name');
  await expect(audit.row('Connection tested', local).first()).toHaveAttribute(
    'data-action',
    'instance.test',
  );

  await audit.filterByAction('Instance edited');
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toContainText(renamed);
  await audit.filterByAction('All actions');
  await audit.filterByInstance(other);
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toContainText('Instance added');
  await audit.filterByInstance('All instances');
  await audit.search.fill(`no-such-thing-${suffix}`);
  await expect(audit.noMatches).toBeVisible();
  await audit.search.fill(renamed);
  await expect(audit.rows).toHaveCount(1);
  await audit.search.fill('');
  await expect(audit.rows).toHaveCount(6);

  await audit.verify();
  await expect(audit.verified).toHaveText('Integrity OK. All 6 records check out.');

  const download = await audit.export();
  expect(download.suggestedFilename()).toMatch(/^flowise-key-vault-audit-.+\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  const exported = JSON.parse(text) as { records: { action: string }[] };
  expect(exported.records.map((r) => r.action)).toEqual([
    'instance.test',
    'instance.add',
    'instance.test',
    'instance.update',
    'instance.test',
    'instance.add',
  ]);
  await expect(audit.exported).toContainText(download.suggestedFilename());
  expect(text).not.toContain(flowise.apiKey);
  expect(text).not.toContain(WRONG_KEY);
  expect(await app.page.content()).not.toContain(flowise.apiKey);
});

test('the clipboard settings are kept across a lock and a relaunch', async ({ app }) => {
  await new CreateVaultPage(app.page).create(PASSWORD);
  const frame = new AppFrame(app.page);
  await frame.open('Settings');
  let clipboard = new ClipboardSettings(app.page);
  await expect(clipboard.clearSeconds).toHaveValue('30');
  await clipboard.clearSeconds.fill('4');
  await expect(clipboard.block).toContainText('from 5 to 600');
  await expect(clipboard.save).toBeDisabled();
  await clipboard.reauthMinutes.fill('0');
  await clipboard.storeCreatedKeys.setChecked(false);
  await clipboard.clearSeconds.fill('75');
  // Never asking again before a copy weakens the vault: the master password comes first.
  await clipboard.saveWithPassword(PASSWORD);

  const unlock = new UnlockPage(app.page);
  await frame.lockButton.click();
  await unlock.unlock(PASSWORD);
  await frame.open('Settings');
  clipboard = new ClipboardSettings(app.page);
  await expect(clipboard.clearSeconds).toHaveValue('75');
  await expect(clipboard.reauthMinutes).toHaveValue('0');
  await expect(clipboard.storeCreatedKeys).not.toBeChecked();

  // The harness's core outlives the page, so lock first: the reload then meets a locked vault.
  await frame.lockButton.click();
  await app.reload();
  await unlock.unlock(PASSWORD);
  await frame.open('Settings');
  await expect(clipboard.clearSeconds).toHaveValue('75');
  await expect(clipboard.reauthMinutes).toHaveValue('0');
  await expect(clipboard.storeCreatedKeys).not.toBeChecked();
});
