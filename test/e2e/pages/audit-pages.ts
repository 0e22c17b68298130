// Page objects for the Audit section and the Settings block on clipboard and copying. Locators
// live here only, by role and label.
import type { Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class AuditPage {
  readonly filters: Locator;
  readonly action: Locator;
  readonly instance: Locator;
  readonly search: Locator;
  readonly table: Locator;
  readonly emptyState: Locator;
  readonly noMatches: Locator;
  readonly refreshButton: Locator;
  readonly verifyButton: Locator;
  readonly exportButton: Locator;
  /** "Integrity OK. All N records check out." once a check found the chain whole. */
  readonly verified: Locator;
  /** "Integrity check failed at record N. …" */
  readonly broken: Locator;
  readonly exported: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.filters = main.getByRole('search', { name: 'Filter audit records' });
    this.action = this.filters.getByLabel('Action', { exact: true });
    this.instance = this.filters.getByLabel('Instance', { exact: true });
    this.search = this.filters.getByLabel('Search', { exact: true });
    this.table = main.getByRole('table', { name: 'Audit records, newest first' });
    this.emptyState = main.getByRole('heading', { name: 'No records yet' });
    this.noMatches = main.getByText('No records match these filters.');
    this.refreshButton = main.getByRole('button', { name: 'Refresh', exact: true });
    this.verifyButton = main.getByRole('button', { name: 'Verify integrity' });
    this.exportButton = main.getByRole('button', { name: 'Export', exact: true });
    this.verified = main.getByRole('status').filter({ hasText: /^Integrity OK\./ });
    this.broken = main.getByRole('alert').filter({ hasText: /^Integrity check failed/ });
    this.exported = main.getByRole('status').filter({ hasText: /^Exported the whole log as / });
  }

  /** Body rows, newest first. */
  get rows(): Locator {
    return this.table.locator('tbody').getByRole('row');
  }

  /** Rows whose action reads `words` (e.g. "Instance added") and that mention `text`. */
  row(words: string, text?: string): Locator {
    const byAction = this.rows.filter({
      has: this.page.getByRole('cell', { name: words, exact: true }),
    });
    return text === undefined ? byAction : byAction.filter({ hasText: text });
  }

  async filterByAction(label: string): Promise<void> {
    await this.action.selectOption({ label });
  }

  async filterByInstance(label: string): Promise<void> {
    await this.instance.selectOption({ label });
  }

  async verify(): Promise<void> {
    await this.verifyButton.click();
    await expect(this.verified.or(this.broken)).toBeVisible();
  }

  /** Exports and hands back the browser's download, once it is complete. */
  async export(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.exportButton.click();
    return download;
  }
}

export class ClipboardSettings {
  readonly block: Locator;
  readonly clearSeconds: Locator;
  readonly reauthMinutes: Locator;
  readonly storeCreatedKeys: Locator;
  readonly save: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.block = page.getByRole('region', { name: 'Clipboard and copying' });
    this.clearSeconds = this.block.getByLabel('Clear the clipboard after (seconds)');
    this.reauthMinutes = this.block.getByLabel(
      'Ask for the master password again before copying after (minutes)',
    );
    this.storeCreatedKeys = this.block.getByRole('switch', {
      name: 'Keep a copy of keys created here in the vault',
    });
    // One form and one Save for every setting on the page.
    const form = page.getByRole('form', { name: 'Settings' });
    this.save = form.getByRole('button', { name: 'Save settings' });
    this.saved = form.getByRole('status').filter({ hasText: 'Settings saved.' });
  }

  /** Saves a change that weakens a lock, answering the master-password question. */
  async saveWithPassword(password: string): Promise<void> {
    await this.save.click();
    const dialog = this.page.getByRole('dialog', { name: 'Enter the master password' });
    await dialog.getByLabel('Master password').fill(password);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(this.saved).toBeVisible();
  }
}
