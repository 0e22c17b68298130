// Page objects for promotion between instances: Credentials › Copy to instance… and Keys › Promote
// to instance…. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class CopyCredentialsDialog {
  readonly dialog: Locator;
  readonly target: Locator;
  /** One item per credential, named by it, once main has read the plan. */
  readonly items: Locator;
  readonly copyButton: Locator;
  /** "<name>: copied", "<name>: failed (…)", … once the copy is done. */
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Copy to instance' });
    this.target = this.dialog.getByLabel('Copy to instance');
    this.items = this.dialog.getByRole('list', { name: 'Credentials to copy' });
    this.copyButton = this.dialog.getByRole('button', { name: 'Copy', exact: true });
    this.results = this.dialog.getByRole('list', { name: 'Copy results' });
  }

  /** Opens it from a credential's row. */
  static async open(page: Page, credentialName: string): Promise<CopyCredentialsDialog> {
    await page
      .getByRole('main')
      .getByRole('listitem', { name: credentialName, exact: true })
      .getByRole('button', { name: `Copy to instance… (${credentialName})`, exact: true })
      .click();
    const dialog = new CopyCredentialsDialog(page);
    await dialog.dialog.waitFor();
    return dialog;
  }

  item(credentialName: string): Locator {
    return this.items.getByRole('listitem', { name: credentialName, exact: true });
  }

  /** A secret Flowise never gives back, typed for the copy. */
  secret(credentialName: string, label: string): Locator {
    return this.item(credentialName).getByLabel(`${label} for ${credentialName}`);
  }

  /** Picks the target and waits for its plan: the credential's item. */
  async planTo(instanceName: string, credentialName: string): Promise<void> {
    await this.target.selectOption({ label: instanceName });
    await this.item(credentialName).waitFor();
  }

  async copy(): Promise<void> {
    await this.copyButton.click();
    await this.results.waitFor();
  }
}

export class PromoteKeyDialog {
  readonly dialog: Locator;
  readonly target: Locator;
  readonly newValue: Locator;
  readonly promoteButton: Locator;
  /** The new key's value on the target, shown once. */
  readonly value: Locator;
  readonly doneButton: Locator;

  constructor(
    readonly page: Page,
    keyName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Promote ${keyName} to another instance` });
    this.target = this.dialog.getByLabel('Promote to instance');
    this.newValue = this.dialog.getByRole('radio', { name: 'A new value, shown once' });
    this.promoteButton = this.dialog.getByRole('button', { name: 'Promote', exact: true });
    this.value = this.dialog.getByTestId('revealed-key');
    this.doneButton = this.dialog.getByRole('button', { name: 'I have stored it' });
  }

  /** Opens it from the key's row (find the key first on a busy server). */
  static async open(page: Page, keyName: string): Promise<PromoteKeyDialog> {
    await page
      .getByRole('main')
      .getByRole('button', { name: `Promote to instance… ${keyName}`, exact: true })
      .click();
    const dialog = new PromoteKeyDialog(page, keyName);
    await dialog.dialog.waitFor();
    return dialog;
  }

  /** A permission's box in the picker, by its key (e.g. chatflows:view). */
  permission(key: string): Locator {
    return this.dialog.getByRole('checkbox', { name: new RegExp(`\\(${key}\\)$`) });
  }

  async planTo(instanceName: string): Promise<void> {
    await this.target.selectOption({ label: instanceName });
    await this.newValue.waitFor();
  }
}
