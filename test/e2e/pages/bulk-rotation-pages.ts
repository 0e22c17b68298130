// Page object for the bulk rotation dialog. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class BulkRotationDialog {
  readonly dialog: Locator;
  readonly sameNameMode: Locator;
  readonly olderThanMode: Locator;
  readonly byHandMode: Locator;
  readonly keyName: Locator;
  readonly days: Locator;
  readonly findButton: Locator;
  readonly review: Locator;
  readonly understood: Locator;
  /** Every key of the run, with its live status. */
  readonly keys: Locator;
  /** "New key 1 of 2: <name> on <instance>" while a new key is to be shown. */
  readonly revealHeading: Locator;
  readonly newKey: Locator;
  readonly storedButton: Locator;
  readonly updatedCheck: Locator;
  readonly revokeAllButton: Locator;
  readonly summary: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Rotate several keys' });
    const d = this.dialog;
    this.sameNameMode = d.getByRole('radio', { name: 'The key of one name on each instance' });
    this.olderThanMode = d.getByRole('radio', { name: 'Keys older than a number of days' });
    this.byHandMode = d.getByRole('radio', { name: 'Keys I choose' });
    this.keyName = d.getByRole('combobox', { name: 'Key name' });
    this.days = d.getByRole('spinbutton', { name: 'Older than (days)' });
    this.findButton = d.getByRole('button', { name: 'Find the keys' });
    this.review = d.getByRole('region', { name: 'Keys to rotate' });
    this.understood = d.getByRole('checkbox', {
      name: 'I understand that apps calling these flows with an old key will be refused',
    });
    this.keys = d.getByRole('list', { name: 'Keys in this bulk rotation' });
    this.revealHeading = d
      .getByRole('region', { name: 'New keys' })
      .getByRole('heading', { name: /^New key \d+ of \d+/ });
    this.newKey = d.getByTestId('rotation-new-key');
    this.storedButton = d.getByRole('button', { name: 'I have stored it' });
    this.updatedCheck = d.getByRole('checkbox', {
      name: 'I have updated the apps that used the old keys',
    });
    this.revokeAllButton = d.getByRole('button', { name: 'Revoke all old keys' });
    this.summary = d.getByRole('region', { name: 'Summary' });
    this.closeButton = d.getByRole('button', { name: /^Close/ });
  }

  static async open(page: Page): Promise<BulkRotationDialog> {
    await page.getByRole('button', { name: 'Rotate several keys' }).click();
    const dialog = new BulkRotationDialog(page);
    await dialog.dialog.waitFor();
    return dialog;
  }

  /** The review's row of a key on an instance. */
  reviewRow(keyName: string, instanceName: string): Locator {
    return this.review
      .getByRole('row')
      .filter({ hasText: keyName })
      .filter({ hasText: instanceName });
  }

  /** "Rotate 2 keys", once the cutover warning is acknowledged. */
  async start(count: string): Promise<void> {
    await this.understood.check();
    await this.dialog.getByRole('button', { name: `Rotate ${count}` }).click();
  }

  async revokeAll(): Promise<void> {
    await this.updatedCheck.check();
    await this.revokeAllButton.click();
  }
}
