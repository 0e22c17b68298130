// Page objects for the Credentials section and its dialogs. Locators live here only, by role and
// label.
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export class CredentialDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly saveButton: Locator;
  readonly alert: Locator;

  /** `title` is "New credential" or "Edit <name>". */
  constructor(
    readonly page: Page,
    title: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: title });
    this.name = this.dialog.getByLabel('Credential name', { exact: true });
    this.saveButton = this.dialog.getByRole('button', {
      name: /^(Create credential|Save changes)$/,
    });
    this.alert = this.dialog.getByRole('alert');
  }

  /** Step one of a new credential: search the types and pick one by its label. */
  async pickType(search: string, label: string): Promise<void> {
    await this.dialog.getByLabel('Search credential types').fill(search);
    await this.dialog
      .getByRole('list', { name: 'Credential types' })
      .getByRole('button', { name: label, exact: true })
      .click();
  }

  /** Its hint is its accessible description, e.g. "Set — type to replace." for a stored secret. */
  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  /** Saves and waits for the dialog to close, which it does only when main accepted. */
  async saveAndClose(): Promise<void> {
    await this.saveButton.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}

export class RotateSecretDialog {
  readonly dialog: Locator;
  readonly reviewButton: Locator;
  readonly rotateButton: Locator;
  /** The flows the review lists; absent when no flow uses the credential. */
  readonly flows: Locator;

  constructor(
    readonly page: Page,
    name: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Rotate a secret of ${name}` });
    this.reviewButton = this.dialog.getByRole('button', { name: 'Review flows' });
    this.rotateButton = this.dialog.getByRole('button', { name: 'Rotate secret', exact: true });
    this.flows = this.dialog.getByRole('list', { name: 'Flows that use it' });
  }

  newValue(label: string): Locator {
    return this.dialog.getByLabel(`New ${label}`, { exact: true });
  }
}

export class DeleteCredentialDialog {
  readonly dialog: Locator;
  readonly flows: Locator;
  readonly confirmName: Locator;
  readonly deleteButton: Locator;

  constructor(
    readonly page: Page,
    name: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
    this.flows = this.dialog.getByRole('list', { name: 'Flows that use it' });
    this.confirmName = this.dialog.getByLabel(`Type "${name}" to confirm`);
    this.deleteButton = this.dialog.getByRole('button', { name: 'Delete credential' });
  }
}

export class CredentialsPage {
  readonly newButton: Locator;
  readonly list: Locator;
  readonly search: Locator;
  readonly refreshButton: Locator;
  /** Says what just happened: "<name> created.", "<name> saved.", "… rotated.", "… deleted." */
  readonly announcement: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.newButton = main.getByRole('button', { name: 'New credential' });
    this.list = main.getByRole('list', { name: 'Credentials' });
    this.search = main.getByLabel('Search credentials');
    this.refreshButton = main.getByRole('button', { name: 'Refresh', exact: true });
    this.announcement = main
      .getByRole('status')
      .filter({ hasText: /^.+ (created|saved|rotated|deleted)\.$/ });
  }

  row(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true });
  }

  private button(name: string, action: string): Locator {
    return this.row(name).getByRole('button', { name: `${action} (${name})`, exact: true });
  }

  /** Creates a credential through the dialog and waits for its row. */
  async create(
    type: { search: string; label: string },
    name: string,
    fields: Record<string, string>,
  ): Promise<void> {
    await this.newButton.click();
    const dialog = new CredentialDialog(this.page, 'New credential');
    await dialog.pickType(type.search, type.label);
    await dialog.name.fill(name);
    for (const [label, value] of Object.entries(fields)) await dialog.field(label).fill(value);
    await dialog.saveAndClose();
    await expect(this.row(name)).toBeVisible();
  }

  async edit(name: string): Promise<CredentialDialog> {
    await this.button(name, 'Edit').click();
    const dialog = new CredentialDialog(this.page, `Edit ${name}`);
    await dialog.name.waitFor();
    return dialog;
  }

  async rotate(name: string): Promise<RotateSecretDialog> {
    await this.button(name, 'Rotate secret').click();
    const dialog = new RotateSecretDialog(this.page, name);
    await dialog.dialog.waitFor();
    return dialog;
  }

  async askDelete(name: string): Promise<DeleteCredentialDialog> {
    await this.button(name, 'Delete').click();
    const dialog = new DeleteCredentialDialog(this.page, name);
    await dialog.dialog.waitFor();
    return dialog;
  }
}
