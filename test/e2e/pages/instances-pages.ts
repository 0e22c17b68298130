// Page objects for the Instances section, its dialogs and the header's active-instance switcher.
// Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export interface InstanceInput {
  name: string;
  baseUrl: string;
  adminKey: string;
  caCertPem?: string;
  allowInsecureHttp?: boolean;
  timeoutSeconds?: number;
  /** #rrggbb */
  colour?: string;
}

const TESTING = 'Testing connection…';

export class InstanceDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly baseUrl: Locator;
  readonly adminKey: Locator;
  readonly caCertificate: Locator;
  readonly removeSavedCa: Locator;
  /** Fingerprint, subject, issuer and dates of a certificate the test found untrusted. */
  readonly presentedCertificate: Locator;
  /** The pinned and the presented fingerprints, after a certificate changed. */
  readonly fingerprints: Locator;
  readonly trustButton: Locator;
  readonly repinButton: Locator;
  readonly allowPlainHttp: Locator;
  readonly timeoutSeconds: Locator;
  readonly colour: Locator;
  readonly testButton: Locator;
  readonly saveButton: Locator;
  readonly cancelButton: Locator;
  /** "Connection works." and the report's summary after a successful test. */
  readonly result: Locator;
  /** A failed test (message and advice) or a refused save. */
  readonly alert: Locator;

  /** `title` is "Add instance" or "Edit <name>". */
  constructor(
    readonly page: Page,
    title: string | RegExp = /^(Add instance|Edit .+)$/,
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
    const d = this.dialog;
    this.name = d.getByLabel('Name', { exact: true });
    this.baseUrl = d.getByLabel('Base URL', { exact: true });
    this.adminKey = d.getByLabel('Admin API key', { exact: true });
    this.caCertificate = d.getByLabel('Custom CA certificate');
    this.removeSavedCa = d.getByLabel('Remove the saved CA certificate');
    this.presentedCertificate = d.getByLabel('Certificate presented by the server');
    this.fingerprints = d.getByLabel('Fingerprints');
    this.trustButton = d.getByRole('button', { name: 'Trust this certificate' });
    this.repinButton = d.getByRole('button', { name: 'Re-pin' });
    this.allowPlainHttp = d.getByRole('switch', { name: 'Allow plain HTTP' });
    this.timeoutSeconds = d.getByLabel('Request timeout (seconds)');
    this.colour = d.getByLabel('Colour', { exact: true });
    this.testButton = d.getByRole('button', { name: 'Test connection' });
    this.saveButton = d.getByRole('button', { name: 'Save', exact: true });
    this.cancelButton = d.getByRole('button', { name: 'Cancel' });
    this.result = d.getByRole('status');
    this.alert = d.getByRole('alert');
  }

  /** Fills what is given; an absent field is left as it is (in edit mode: unchanged). */
  async fill(input: Partial<InstanceInput>): Promise<void> {
    if (input.name !== undefined) await this.name.fill(input.name);
    if (input.baseUrl !== undefined) await this.baseUrl.fill(input.baseUrl);
    if (input.adminKey !== undefined) await this.adminKey.fill(input.adminKey);
    if (input.caCertPem !== undefined) await this.caCertificate.fill(input.caCertPem);
    if (input.allowInsecureHttp !== undefined)
      await this.allowPlainHttp.setChecked(input.allowInsecureHttp);
    if (input.timeoutSeconds !== undefined)
      await this.timeoutSeconds.fill(String(input.timeoutSeconds));
    if (input.colour !== undefined) await this.colour.fill(input.colour);
  }

  /** Runs the dialog's connection test and waits until it has an answer, good or bad. */
  async testConnection(timeout = 60_000): Promise<void> {
    await this.testButton.click();
    await expect(this.result).not.toHaveText(TESTING, { timeout });
    await expect(this.testButton).toBeEnabled({ timeout });
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }

  /** Saves and waits for the dialog to close, which it does only when main accepted. */
  async saveAndClose(): Promise<void> {
    await this.save();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  /** Saves a profile whose test fails: Save tests it, asks "Save anyway?", and is told yes. */
  async saveAnyway(timeout = 60_000): Promise<void> {
    await this.save();
    await this.dialog.getByRole('button', { name: 'Save anyway' }).click({ timeout });
    await this.dialog.waitFor({ state: 'hidden' });
  }
}

export class RemoveInstanceDialog {
  readonly dialog: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;
  readonly alert: Locator;

  constructor(
    readonly page: Page,
    name: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Remove ${name}?` });
    this.confirmButton = this.dialog.getByRole('button', { name: 'Remove instance' });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
    this.alert = this.dialog.getByRole('alert');
  }
}

export class InstancesPage {
  readonly addButton: Locator;
  readonly list: Locator;
  readonly emptyState: Locator;
  /** The header's switcher, a native select labelled "Active instance". */
  readonly activeSelect: Locator;
  /** Shown above every section while the active instance's last test failed. */
  readonly activeNotice: Locator;
  /** Says what just happened: "<name> saved.", "<name> removed.", "<name> moved to …". */
  readonly announcement: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.addButton = main.getByRole('button', { name: 'Add instance' });
    this.list = main.getByRole('list', { name: 'Instances' });
    this.emptyState = main.getByRole('heading', { name: 'No instances yet' });
    this.activeSelect = page.getByLabel('Active instance');
    this.activeNotice = main
      .getByRole('alert')
      .filter({ hasText: /^The active instance, .+, cannot be used\./ });
    this.announcement = main
      .getByRole('status')
      .filter({ hasText: /^.+ (saved|removed|moved to position \d+ of \d+)\.$/ });
  }

  row(name: string): Locator {
    return this.list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name, exact: true }) });
  }

  /** "Not tested", "Testing connection…", "Reachable: Flowise 3.1.4, open source, key accepted",
   * "Reachable, but the key was refused", "Unreachable: connection failed", … */
  status(name: string): Locator {
    return this.row(name).getByRole('status');
  }

  /** The last report's summary sentence, followed for a failure by what to do about it. */
  summary(name: string): Locator {
    return this.row(name).getByTestId('instance-summary');
  }

  /** "The admin key lacks <permissions>, which this app needs to manage the server." */
  adminKeyLacks(name: string): Locator {
    return this.row(name).getByText(/^The admin key lacks /);
  }

  /** The "Active" badge of the row, present only on the active instance. */
  activeBadge(name: string): Locator {
    return this.row(name).getByText('Active', { exact: true });
  }

  async names(): Promise<string[]> {
    return this.list.getByRole('heading', { level: 2 }).allTextContents();
  }

  private button(name: string, label: string): Locator {
    return this.row(name).getByRole('button', { name: label, exact: true });
  }

  async openAdd(): Promise<InstanceDialog> {
    await this.addButton.click();
    const dialog = new InstanceDialog(this.page, 'Add instance');
    await dialog.dialog.waitFor();
    return dialog;
  }

  /** Adds an instance through the dialog and waits until it is saved; `failing` when its test
   * fails, so the dialog asks "Save anyway?". */
  async add(input: InstanceInput, failing = false): Promise<void> {
    const dialog = await this.openAdd();
    await dialog.fill(input);
    await (failing ? dialog.saveAnyway() : dialog.saveAndClose());
    await this.row(input.name).waitFor();
  }

  /** Tests a saved instance and waits for the row's new status. */
  async test(name: string, timeout = 60_000): Promise<void> {
    const button = this.button(name, `Test connection to ${name}`);
    await button.click();
    await expect(this.status(name)).not.toHaveText(TESTING, { timeout });
    await expect(button).toBeEnabled({ timeout });
  }

  async edit(name: string): Promise<InstanceDialog> {
    await this.button(name, `Edit ${name}`).click();
    const dialog = new InstanceDialog(this.page, `Edit ${name}`);
    await dialog.dialog.waitFor();
    return dialog;
  }

  /** Opens the confirmation without answering it. */
  async askRemove(name: string): Promise<RemoveInstanceDialog> {
    await this.button(name, `Remove ${name}`).click();
    const dialog = new RemoveInstanceDialog(this.page, name);
    await dialog.dialog.waitFor();
    return dialog;
  }

  async remove(name: string): Promise<void> {
    const dialog = await this.askRemove(name);
    await dialog.confirmButton.click();
    await dialog.dialog.waitFor({ state: 'hidden' });
    await this.row(name).waitFor({ state: 'detached' });
  }

  async makeActive(name: string): Promise<void> {
    await this.button(name, `Make active (${name})`).click();
    await this.activeBadge(name).waitFor();
  }

  /** Moves with the keyboard, as a person without a mouse would, and waits for the new order. */
  async moveUp(name: string): Promise<void> {
    await this.move(name, -1);
  }

  async moveDown(name: string): Promise<void> {
    await this.move(name, 1);
  }

  private async move(name: string, by: -1 | 1): Promise<void> {
    const names = await this.names();
    const position = names.indexOf(name) + 1 + by;
    const label = by < 0 ? `Move up (${name})` : `Move down (${name})`;
    await this.button(name, label).press('Enter');
    const said = `${name} moved to position ${position} of ${names.length}.`;
    await this.announcement.filter({ hasText: said }).waitFor();
  }

  /** Switches from the header; the app then tests the new active instance. */
  async switchActive(name: string): Promise<void> {
    await this.activeSelect.selectOption({ label: name });
  }

  /** Runs "Test again" in the unreachable notice of the active instance. */
  async retestActive(name: string): Promise<void> {
    await this.activeNotice.getByRole('button', { name: `Test again (${name})` }).click();
  }
}
