// Page objects for the vault screens. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class CreateVaultPage {
  readonly heading: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly strength: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Create your vault' });
    this.password = page.getByLabel('Master password', { exact: true });
    this.confirm = page.getByLabel('Confirm master password');
    this.strength = page.getByText(/^Strength: /);
    this.submit = page.getByRole('button', { name: 'Create vault' });
  }

  async create(password: string): Promise<void> {
    await this.password.fill(password);
    await this.confirm.fill(password);
    await this.submit.click();
  }
}

export class UnlockPage {
  readonly heading: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly notice: Locator;
  readonly openBackup: Locator;
  readonly openOlderAnyway: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Unlock your vault' });
    this.password = page.getByLabel('Master password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Unlock', exact: true });
    this.alert = page.getByRole('alert');
    this.notice = page.getByRole('status');
    this.openBackup = page.getByRole('button', { name: 'Open backup' });
    this.openOlderAnyway = page.getByRole('button', { name: 'Open older vault anyway' });
  }

  async unlock(password: string): Promise<void> {
    await this.password.fill(password);
    await this.submit.click();
  }
}

/** No vault file, but earlier files of one next to where it should be. */
export class MissingVaultPage {
  readonly heading: Locator;
  readonly leftovers: Locator;
  readonly restore: Locator;
  readonly createInstead: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Your vault file is missing' });
    this.leftovers = page.getByRole('listitem');
    this.restore = page.getByRole('button', { name: 'Restore from backup' });
    this.createInstead = page.getByRole('button', { name: 'Create a new vault instead' });
  }
}

export class AppFrame {
  readonly lockButton: Locator;
  readonly nav: Locator;
  readonly title: Locator;

  constructor(readonly page: Page) {
    this.lockButton = page.getByRole('button', { name: 'Lock vault' });
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.title = page.getByRole('main').getByRole('heading', { level: 1 });
  }

  section(name: string): Locator {
    return this.nav.getByRole('button', { name, exact: true });
  }

  async open(name: string): Promise<void> {
    await this.section(name).click();
  }
}

export class SettingsPage {
  readonly autoLockMinutes: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly changePassword: Locator;

  constructor(readonly page: Page) {
    this.autoLockMinutes = page.getByLabel('Auto-lock after (minutes)');
    this.save = page.getByRole('button', { name: 'Save settings' });
    this.saved = page.getByRole('status').filter({ hasText: 'Settings saved.' });
    this.changePassword = page.getByRole('button', { name: 'Change master password' });
  }

  async setAutoLock(minutes: number): Promise<void> {
    await this.autoLockMinutes.fill(String(minutes));
    await this.save.click();
  }
}

export class ChangePasswordDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Change master password' });
  }

  async change(current: string, next: string): Promise<void> {
    await this.dialog.getByLabel('Current master password').fill(current);
    await this.dialog.getByLabel('New master password', { exact: true }).fill(next);
    await this.dialog.getByLabel('Confirm new master password').fill(next);
    await this.dialog.getByRole('button', { name: 'Change password' }).click();
  }
}
