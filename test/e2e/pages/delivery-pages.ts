// Page objects for a key's delivery targets and the wizard's delivery results, by role and label.
import type { Locator, Page } from '@playwright/test';

export interface EnvTargetInput {
  label: string;
  path: string;
  name?: string;
  /** An HTTP check with the new key as Bearer, expecting 200. */
  checkUrl?: string;
}

export interface CommandTargetInput {
  label: string;
  /** The program and each argument, one per line. */
  words: readonly string[];
  idempotent?: boolean;
}

export class TargetsDialog {
  readonly dialog: Locator;
  readonly list: Locator;
  readonly addButton: Locator;
  readonly announcement: Locator;

  constructor(
    readonly page: Page,
    keyName: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Delivery targets of ${keyName}` });
    this.list = this.dialog.getByRole('list', { name: 'Delivery targets' });
    this.addButton = this.dialog.getByRole('button', { name: 'Add a target' });
    this.announcement = this.dialog.getByRole('status');
  }

  private async save(password: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add target' }).click();
    const ask = this.page.getByRole('dialog', { name: 'Enter the master password' });
    await ask.getByLabel('Master password').fill(password);
    await ask.getByRole('button', { name: 'Add target' }).click();
  }

  async addEnv(input: EnvTargetInput, password: string): Promise<void> {
    const d = this.dialog;
    await this.addButton.click();
    await d.getByLabel('Name', { exact: true }).fill(input.label);
    await d.getByLabel('File path').fill(input.path);
    if (input.name !== undefined) await d.getByLabel('Variable name').fill(input.name);
    if (input.checkUrl !== undefined) {
      await d.getByRole('radio', { name: /HTTP request/ }).check();
      await d.getByLabel('Check address').fill(input.checkUrl);
    }
    await this.save(password);
  }

  async addCommand(input: CommandTargetInput, password: string): Promise<void> {
    const d = this.dialog;
    await this.addButton.click();
    await d.getByLabel('Name', { exact: true }).fill(input.label);
    await d.getByRole('radio', { name: /^A command \(/ }).check();
    await d.getByLabel('Command', { exact: true }).fill(input.words.join('\n'));
    if (input.idempotent === true) await d.getByRole('checkbox', { name: /Idempotent/ }).check();
    await this.save(password);
  }

  close(): Promise<void> {
    return this.dialog.getByRole('button', { name: 'Close' }).first().click();
  }
}

/** The wizard's parts that show delivery targets. */
export class DeliveryParts {
  readonly planTargets: Locator;
  readonly results: Locator;
  readonly heldBack: Locator;
  readonly revokeAnywayButton: Locator;

  constructor(readonly wizard: Locator) {
    this.planTargets = wizard.getByRole('region', { name: 'Delivery targets' });
    this.results = wizard.getByRole('region', { name: 'Delivery to the targets' });
    this.heldBack = wizard.getByRole('note', { name: 'Revoke is held back' });
    this.revokeAnywayButton = wizard.getByRole('button', { name: 'Revoke anyway…' });
  }

  result(label: string): Locator {
    return this.results.getByRole('listitem', { name: label });
  }
}
