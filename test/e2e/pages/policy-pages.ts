// Page objects for rotation policies and what they make due: a key's "Rotation policy" dialog, the
// unlock banner and the Rotation page's Due list. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class KeyPolicyDialog {
  readonly dialog: Locator;
  readonly maxAge: Locator;
  readonly saveButton: Locator;
  readonly useInstanceButton: Locator;

  constructor(
    readonly page: Page,
    keyName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Rotation policy of ${keyName}` });
    this.maxAge = this.dialog.getByLabel('Maximum key age (days)');
    this.saveButton = this.dialog.getByRole('button', { name: 'Save' });
    this.useInstanceButton = this.dialog.getByRole('button', { name: "Use the instance's policy" });
  }

  /** From the key's row on the Keys page (the row must be shown). */
  static async open(page: Page, keyName: string): Promise<KeyPolicyDialog> {
    await page
      .getByRole('main')
      .getByRole('button', { name: `Rotation policy of ${keyName}`, exact: true })
      .click();
    const dialog = new KeyPolicyDialog(page, keyName);
    await dialog.dialog.waitFor();
    return dialog;
  }

  async save(days: number): Promise<void> {
    await this.maxAge.fill(String(days));
    await this.saveButton.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}

export class DueBanner {
  readonly region: Locator;
  readonly showDueListButton: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Keys due for rotation' });
    this.showDueListButton = this.region.getByRole('button', { name: 'Show the Due list' });
  }
}

export class DueList {
  readonly region: Locator;
  readonly rotateAllButton: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Due' });
    this.rotateAllButton = this.region.getByRole('button', { name: 'Rotate all due' });
  }

  /** The rows whose key cell is exactly `keyName` (the admin key's cell says more). */
  rows(keyName: string): Locator {
    return this.region
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: keyName, exact: true }) });
  }
}
