// Page objects for the encrypted backup: Settings › Encrypted backup (export) and Create your vault ›
// Restore from a backup. Locators live here only, by role and label.
import type { Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class BackupBlock {
  readonly block: Locator;
  readonly exportButton: Locator;
  /** "Backup of N instances saved as <file>." once an export is done. */
  readonly done: Locator;

  constructor(readonly page: Page) {
    this.block = page.getByRole('region', { name: 'Encrypted backup' });
    this.exportButton = this.block.getByRole('button', { name: 'Export a backup' });
    this.done = this.block.getByRole('status').filter({ hasText: /^Backup of .+ saved as / });
  }

  /** Exports the whole vault and hands back the browser's download, once it is complete. */
  async exportAll(passphrase: string, password: string): Promise<Download> {
    await this.exportButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Export an encrypted backup' });
    await dialog.getByRole('radio', { name: 'The whole vault' }).check();
    await dialog.getByLabel('Backup passphrase', { exact: true }).fill(passphrase);
    await dialog.getByLabel('Confirm backup passphrase').fill(passphrase);
    await dialog.getByLabel('Master password', { exact: true }).fill(password);
    const download = this.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(this.done).toBeVisible();
    return download;
  }
}

export class RestoreBackupDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly file: Locator;
  readonly passphrase: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly restoreButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Restore from a backup' });
    this.dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
    this.file = this.dialog.getByLabel('Backup file');
    this.passphrase = this.dialog.getByLabel('Backup passphrase', { exact: true });
    this.password = this.dialog.getByLabel('New master password', { exact: true });
    this.confirm = this.dialog.getByLabel('Confirm new master password');
    this.restoreButton = this.dialog.getByRole('button', { name: 'Restore', exact: true });
    this.alert = this.dialog.getByRole('alert');
  }

  /** From the create screen: a new vault made from the file, sealed with `password`. */
  async restore(filePath: string, passphrase: string, password: string): Promise<void> {
    await this.openButton.click();
    await this.file.setInputFiles(filePath);
    await this.passphrase.fill(passphrase);
    await this.password.fill(password);
    await this.confirm.fill(password);
    await this.restoreButton.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
