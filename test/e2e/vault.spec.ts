// The vault's first-run, lock and unlock paths, as a person walks them.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from './fixtures.js';
import {
  AppFrame,
  ChangePasswordDialog,
  CreateVaultPage,
  MissingVaultPage,
  SettingsPage,
  UnlockPage,
} from './pages/vault-pages.js';
import { PASSWORD } from './pages/vault-setup-pages.js';

const NEXT_PASSWORD = 'a different passphrase 42!';

async function readAllFiles(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true });
  const texts = await Promise.all(
    names.map((name) => readFile(join(dir, name)).then(String, () => '')),
  );
  return texts.join('\n');
}

test('create the vault, lock it, refuse a wrong password, unlock it', async ({ app }) => {
  const create = new CreateVaultPage(app.page);
  const unlock = new UnlockPage(app.page);
  const frame = new AppFrame(app.page);

  await expect(create.heading).toBeVisible();
  await create.password.fill('short');
  await expect(create.strength).toContainText('weak');
  await create.create(PASSWORD);
  await expect(frame.lockButton).toBeVisible();
  await expect(frame.nav).toBeVisible();

  await frame.lockButton.click();
  await expect(unlock.heading).toBeVisible();
  await expect(unlock.notice).toContainText('Vault locked.');

  await unlock.unlock('not the password');
  await expect(unlock.alert).toContainText(/password/i);
  await expect(unlock.heading).toBeVisible();

  await unlock.unlock(PASSWORD);
  await expect(frame.lockButton).toBeVisible();

  // The master password must not linger in the page, the logs or any file next to the vault.
  expect(await app.page.content()).not.toContain(PASSWORD);
  expect(JSON.stringify(app.harness?.logger.lines ?? [])).not.toContain(PASSWORD);
  expect(await readAllFiles(app.dataDir)).not.toContain(PASSWORD);
});

test('every section of a new vault opens on its empty state', async ({ app }) => {
  await new CreateVaultPage(app.page).create(PASSWORD);
  const frame = new AppFrame(app.page);
  const empty = {
    Keys: 'No active instance',
    Credentials: 'No active instance',
    Rotation: 'No rotations yet',
    Audit: 'No records yet',
  };
  for (const [section, text] of Object.entries(empty)) {
    await frame.open(section);
    await expect(frame.title).toHaveText(section);
    await expect(app.page.getByRole('heading', { name: text })).toBeVisible();
  }
});

test('the vault locks itself after the idle minutes set in Settings', async ({ app }) => {
  test.skip(app.harness === undefined, 'Moving the clock needs the harness.');
  await new CreateVaultPage(app.page).create(PASSWORD);
  const frame = new AppFrame(app.page);
  await frame.open('Settings');
  const settings = new SettingsPage(app.page);
  await settings.setAutoLock(2);
  await expect(settings.saved).toBeVisible();

  app.advanceClock(60_000);
  await expect(frame.lockButton).toBeVisible();
  app.advanceClock(61_000);

  const unlock = new UnlockPage(app.page);
  await expect(unlock.heading).toBeVisible();
  await expect(unlock.notice).toContainText('Locked after inactivity.');

  await app.reload();
  await unlock.unlock(PASSWORD);
  await frame.open('Settings');
  await expect(settings.autoLockMinutes).toHaveValue('2');
});

test('a damaged vault is named, kept, and its backup can be opened', async ({ app }) => {
  await new CreateVaultPage(app.page).create(PASSWORD);
  const frame = new AppFrame(app.page);
  await frame.open('Settings');
  await new SettingsPage(app.page).changePassword.click();
  await new ChangePasswordDialog(app.page).change(PASSWORD, NEXT_PASSWORD);
  await expect(
    app.page.getByRole('status').filter({ hasText: 'Master password changed.' }),
  ).toBeVisible();
  await frame.lockButton.click();

  const vaultFile = join(app.dataDir, 'vault.fkv');
  await writeFile(vaultFile, 'this is not a vault any more');

  const unlock = new UnlockPage(app.page);
  await unlock.unlock(NEXT_PASSWORD);
  await expect(unlock.alert).toContainText('vault.fkv');
  await unlock.openBackup.click();

  // A password change saves twice, so the backup already opens with the new password only.
  await unlock.unlock(NEXT_PASSWORD);
  await expect(frame.lockButton).toBeVisible();
  const kept = (await readdir(app.dataDir)).filter((name) => name.includes('damaged'));
  expect(kept).toHaveLength(1);
  expect(await readFile(join(app.dataDir, kept[0]!), 'utf8')).toBe('this is not a vault any more');
});

test('a missing vault next to its backup offers restore instead of a new vault', async ({
  app,
}) => {
  await new CreateVaultPage(app.page).create(PASSWORD);
  const frame = new AppFrame(app.page);
  await frame.open('Settings');
  await new SettingsPage(app.page).changePassword.click();
  await new ChangePasswordDialog(app.page).change(PASSWORD, NEXT_PASSWORD);
  await expect(
    app.page.getByRole('status').filter({ hasText: 'Master password changed.' }),
  ).toBeVisible();
  await frame.lockButton.click();
  await rm(join(app.dataDir, 'vault.fkv'));
  await app.reload();

  const missing = new MissingVaultPage(app.page);
  await expect(missing.heading).toBeVisible();
  await expect(missing.leftovers).toHaveText([join(app.dataDir, 'vault.fkv.bak')]);
  await expect(app.page.getByRole('button', { name: 'Create vault' })).toHaveCount(0);
  await missing.restore.click();

  const unlock = new UnlockPage(app.page);
  await expect(unlock.heading).toBeVisible();
  await unlock.unlock(NEXT_PASSWORD);
  await expect(frame.lockButton).toBeVisible();
});
