// Page objects for the Keys section: the keys and flows tabs, their dialogs, and the app-wide
// clipboard toast. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class CreateKeyDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly createButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Create API key' });
    this.name = this.dialog.getByLabel('Key name');
    this.createButton = this.dialog.getByRole('button', { name: 'Create key' });
    this.alert = this.dialog.getByRole('alert');
  }

  /** "Read only", "Chatflow deployer", "Everything the admin key holds", "None". */
  preset(name: string): Locator {
    return this.dialog.getByRole('group', { name: 'Presets' }).getByRole('button', { name });
  }

  permission(key: string): Locator {
    return this.dialog.getByRole('checkbox', { name: new RegExp(`\\(${key}\\)$`) });
  }
}

export class RevealDialog {
  readonly dialog: Locator;
  /** The new key's value: present only in this dialog, only once. */
  readonly value: Locator;
  readonly warning: Locator;
  readonly copyButton: Locator;
  readonly doneButton: Locator;

  constructor(
    readonly page: Page,
    keyName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Key ${keyName} created` });
    this.value = this.dialog.getByTestId('revealed-key');
    this.warning = this.dialog.getByText('You will not see this value again.');
    this.copyButton = this.dialog.getByRole('button', { name: 'Copy key' });
    this.doneButton = this.dialog.getByRole('button', { name: 'I have stored it' });
  }
}

export class EditKeyDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly saveButton: Locator;

  constructor(
    readonly page: Page,
    keyName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Edit ${keyName}` });
    this.name = this.dialog.getByLabel('Key name');
    this.saveButton = this.dialog.getByRole('button', { name: 'Save changes' });
  }
}

export class DeleteKeyDialog {
  readonly dialog: Locator;
  /** The flows bound to the key, when there are any. */
  readonly boundFlows: Locator;
  readonly typedName: Locator;
  readonly deleteButton: Locator;
  readonly alert: Locator;
  /** Offered instead of Delete for the key the vault manages the server with. */
  readonly rotateAdminButton: Locator;

  constructor(
    readonly page: Page,
    readonly keyName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Delete ${keyName}?` });
    this.boundFlows = this.dialog.getByRole('list', { name: 'Flows using this key' });
    this.typedName = this.dialog.getByLabel(`Type ${keyName} to delete it anyway`);
    this.deleteButton = this.dialog.getByRole('button', { name: 'Delete key' });
    this.alert = this.dialog.getByRole('alert');
    this.rotateAdminButton = this.dialog.getByRole('button', { name: 'Rotate the admin key' });
  }
}

export class BindFlowDialog {
  readonly dialog: Locator;
  readonly noAuthorization: Locator;
  /** The "flow becomes public" warning. */
  readonly publicWarning: Locator;
  readonly saveButton: Locator;

  constructor(
    readonly page: Page,
    flowName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Key for ${flowName}` });
    this.noAuthorization = this.dialog.getByRole('radio', { name: 'No Authorization' });
    this.publicWarning = this.dialog.getByRole('note');
    this.saveButton = this.dialog.getByRole('button', { name: 'Save' });
  }

  key(keyName: string): Locator {
    return this.dialog.getByRole('radio', { name: new RegExp(`^${escapeRegExp(keyName)} `) });
  }
}

export class ReauthDialog {
  readonly dialog: Locator;
  readonly password: Locator;
  readonly copyButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Enter the master password' });
    this.password = this.dialog.getByLabel('Master password');
    this.copyButton = this.dialog.getByRole('button', { name: 'Copy', exact: true });
  }
}

/** The app-wide clipboard status, outside the section. */
export class ClipboardToast {
  readonly status: Locator;
  readonly clearNow: Locator;
  readonly dismiss: Locator;

  constructor(readonly page: Page) {
    const toast = page.getByRole('region', { name: 'Clipboard' });
    this.status = toast.getByRole('status');
    this.clearNow = toast.getByRole('button', { name: 'Clear now' });
    this.dismiss = toast.getByRole('button', { name: 'Dismiss' });
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class KeysPage {
  readonly keysTab: Locator;
  readonly flowsTab: Locator;
  readonly createButton: Locator;
  readonly search: Locator;
  readonly sort: Locator;
  readonly list: Locator;
  readonly flows: Locator;
  readonly alert: Locator;
  /** "Key <name> created.", "… saved.", "… deleted.", "<flow> now answers to key <name>." */
  readonly announcement: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.keysTab = main.getByRole('tab', { name: 'Keys' });
    this.flowsTab = main.getByRole('tab', { name: 'Flows' });
    this.createButton = main.getByRole('button', { name: 'Create key' });
    this.search = main.getByLabel('Search keys');
    this.sort = main.getByLabel('Sort by');
    this.list = main.getByRole('list', { name: 'API keys' });
    this.flows = main.getByRole('list', { name: 'Flows' });
    this.alert = main.getByRole('alert');
    this.announcement = main.getByRole('status').filter({ hasText: /\.$/ });
  }

  /** A key's row; the list is windowed, so search for the key first on a busy server. */
  row(keyName: string): Locator {
    return this.list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: keyName, exact: true }) });
  }

  /** "Used by this vault", or "Used by this vault — missing <permissions>", on the admin key. */
  vaultMark(keyName: string): Locator {
    return this.row(keyName).getByText(/^Used by this vault/);
  }

  /** "Used by 1 flow: <name>" or "Not used by any flow". */
  usage(keyName: string): Locator {
    return this.row(keyName).getByTestId('key-usage');
  }

  flowRow(flowName: string): Locator {
    return this.flows
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: flowName, exact: true }) });
  }

  /** "Key: <name>" or "No Authorization: anyone can call it". */
  flowKey(flowName: string): Locator {
    return this.flowRow(flowName).getByTestId('flow-key');
  }

  async find(keyName: string): Promise<void> {
    await this.keysTab.click();
    await this.search.fill(keyName);
    await this.row(keyName).waitFor();
  }

  async openCreate(): Promise<CreateKeyDialog> {
    await this.keysTab.click();
    await this.createButton.click();
    const dialog = new CreateKeyDialog(this.page);
    // The name field, not a preset: servers before 3.0.13 show no presets.
    await dialog.name.waitFor();
    return dialog;
  }

  /** Creates a key and returns the reveal step, still open. `preset` null: a server before 3.0.13, whose dialog has no permissions to pick. */
  async create(keyName: string, preset: string | null = 'Read only'): Promise<RevealDialog> {
    const dialog = await this.openCreate();
    await dialog.name.fill(keyName);
    if (preset !== null) await dialog.preset(preset).click();
    await dialog.createButton.click();
    const reveal = new RevealDialog(this.page, keyName);
    await reveal.value.waitFor();
    return reveal;
  }

  async copy(keyName: string): Promise<void> {
    await this.row(keyName)
      .getByRole('button', { name: `Copy ${keyName}`, exact: true })
      .click();
  }

  async rename(keyName: string, next: string): Promise<void> {
    await this.row(keyName)
      .getByRole('button', { name: `Edit ${keyName}`, exact: true })
      .click();
    const dialog = new EditKeyDialog(this.page, keyName);
    await dialog.name.fill(next);
    await dialog.saveButton.click();
    await dialog.dialog.waitFor({ state: 'hidden' });
  }

  async askDelete(keyName: string): Promise<DeleteKeyDialog> {
    await this.row(keyName)
      .getByRole('button', { name: `Delete ${keyName}`, exact: true })
      .click();
    const dialog = new DeleteKeyDialog(this.page, keyName);
    await dialog.dialog.waitFor();
    return dialog;
  }

  async openFlows(): Promise<void> {
    await this.flowsTab.click();
    await this.flows.waitFor();
  }

  async askBind(flowName: string): Promise<BindFlowDialog> {
    await this.flowRow(flowName)
      .getByRole('button', { name: `Change key for ${flowName}`, exact: true })
      .click();
    const dialog = new BindFlowDialog(this.page, flowName);
    await dialog.dialog.waitFor();
    return dialog;
  }
}
