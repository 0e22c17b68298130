// Page objects for the Rotation section and its wizard. Locators live here only, by role and label.
import type { Locator, Page } from '@playwright/test';

export class RotationWizard {
  readonly dialog: Locator;
  readonly reviewButton: Locator;
  readonly flows: Locator;
  readonly permissions: Locator;
  readonly cutover: Locator;
  readonly startButton: Locator;
  /** The live line that says where the rotation stands. */
  readonly status: Locator;
  readonly steps: Locator;
  readonly alert: Locator;
  /** The new key's value: present only while the reveal is shown. */
  readonly newKey: Locator;
  readonly copyButton: Locator;
  readonly storedButton: Locator;
  readonly showAgainButton: Locator;
  readonly updatedCheck: Locator;
  readonly revokeButton: Locator;
  readonly retryButton: Locator;
  readonly rollbackButton: Locator;
  /** The grace step: the new key is in use, the old key not yet revoked. */
  readonly grace: Locator;
  readonly summary: Locator;
  readonly closeButton: Locator;
  /** The plan's word on the app's own admin key, when that is the key rotated. */
  readonly adminNote: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Rotate an API key' });
    const d = this.dialog;
    this.reviewButton = d.getByRole('button', { name: 'Review the plan' });
    this.flows = d.getByRole('region', { name: 'Affected flows' });
    this.permissions = d.getByRole('region', { name: 'Permissions copied' });
    this.cutover = d.getByRole('note', { name: 'About the cutover' });
    this.adminNote = d.getByRole('note', { name: 'About the admin key' });
    this.startButton = d.getByRole('button', { name: 'Start rotation' });
    this.status = d.getByRole('status');
    this.steps = d.getByRole('list', { name: 'Rotation steps' });
    this.alert = d.getByRole('alert');
    this.newKey = d.getByTestId('rotation-new-key');
    this.copyButton = d.getByRole('button', { name: 'Copy new key' });
    this.storedButton = d.getByRole('button', { name: 'I have stored it' });
    this.showAgainButton = d.getByRole('button', { name: 'Show the new key again' });
    this.updatedCheck = d.getByRole('checkbox', {
      name: 'I have updated the apps that used the old key',
    });
    this.revokeButton = d.getByRole('button', { name: 'Revoke old key' });
    this.retryButton = d.getByRole('button', { name: 'Retry' });
    this.rollbackButton = d.getByRole('button', { name: 'Roll back' });
    this.grace = d.getByRole('region', { name: 'Update your apps' });
    this.summary = d.getByRole('region', { name: 'Summary' });
    this.closeButton = d.getByRole('button', { name: /^Close/ });
  }

  /** The radio for a key in the first step; its name starts with the key's name. */
  key(keyName: string): Locator {
    return this.dialog.getByRole('radio', { name: new RegExp(`^${escape(keyName)} `) });
  }

  /** The "safe to call" box of a flow in the plan. */
  safeToCall(flowName: string, type = 'agentflow'): Locator {
    return this.dialog.getByRole('checkbox', { name: `${flowName} (${type}): safe to call` });
  }

  step(label: string): Locator {
    return this.steps.getByRole('listitem').filter({ hasText: label });
  }

  async revoke(): Promise<void> {
    await this.updatedCheck.check();
    await this.revokeButton.click();
  }

  /** Presses "Roll back" and returns the confirmation it opens (a dialog of its own). */
  async askRollback(): Promise<RollbackConfirmDialog> {
    await this.rollbackButton.click();
    const confirm = new RollbackConfirmDialog(this.page);
    await confirm.dialog.waitFor();
    return confirm;
  }
}

/** The question before a rollback: it names the flows that go back to the old key. */
export class RollbackConfirmDialog {
  readonly dialog: Locator;
  readonly flows: Locator;
  readonly confirmButton: Locator;
  readonly keepButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Roll back this rotation?' });
    this.flows = this.dialog.getByRole('list', { name: 'Flows that move back' });
    this.confirmButton = this.dialog.getByRole('button', { name: 'Move the flows back' });
    this.keepButton = this.dialog.getByRole('button', { name: 'Keep the rotation' });
  }

  flow(name: string): Locator {
    return this.flows.getByRole('listitem').filter({ hasText: name });
  }
}

export class RotationPage {
  readonly rotateButton: Locator;
  readonly list: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.rotateButton = page.getByRole('button', { name: 'Rotate a key' });
    this.list = page.getByRole('list', { name: 'Rotations' });
    this.empty = page.getByRole('heading', { name: 'No rotations yet' });
  }

  /** The rotation of the key first named `keyName`. */
  row(keyName: string): Locator {
    return this.list
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: keyName, exact: true }) });
  }

  async openWizard(): Promise<RotationWizard> {
    await this.rotateButton.click();
    const wizard = new RotationWizard(this.page);
    await wizard.dialog.waitFor();
    return wizard;
  }

  async resume(keyName: string): Promise<RotationWizard> {
    await this.row(keyName)
      .getByRole('button', { name: `Resume (rotation of ${keyName})` })
      .click();
    const wizard = new RotationWizard(this.page);
    await wizard.dialog.waitFor();
    return wizard;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
