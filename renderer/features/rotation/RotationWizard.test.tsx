// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { TEST_PASSWORD } from '../../testing/show-app.js';
import type { Seeded } from '../../testing/show-rotation.js';
import { OLD_VALUE, renderWith, seeded, showRotation } from '../../testing/show-rotation.js';
import { RotationWizard } from './RotationWizard.js';

afterEach(cleanup);

async function openWizard() {
  fireEvent.click(await screen.findByRole('button', { name: 'Rotate a key' }));
  return screen.findByRole('dialog', { name: 'Rotate an API key' });
}

async function planFor(dialog: HTMLElement) {
  fireEvent.click(await within(dialog).findByRole('radio', { name: /^deploy / }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Review the plan' }));
  await within(dialog).findByRole('region', { name: 'Affected flows' });
}

/** The wizard alone, opened on the plan of `keyId` as the Keys page opens it. */
function wizardOn(app: Seeded, keyId: string): Promise<HTMLElement> {
  renderWith(
    app,
    <RotationWizard open onClose={() => undefined} instanceId={app.instanceId} keyId={keyId} />,
  );
  return screen.findByRole('dialog', { name: 'Rotate an API key' });
}

/** A button once it can be used: actions stay disabled while a call of the wizard runs. */
async function enabled(dialog: HTMLElement, name: string): Promise<HTMLButtonElement> {
  const button = await within(dialog).findByRole<HTMLButtonElement>('button', { name });
  await waitFor(() => {
    expect(button.disabled).toBe(false);
  });
  return button;
}

describe('RotationWizard', () => {
  it('plans, runs, reveals once, waits, revokes and sums up', async () => {
    const { fake, instanceId, rotationState } = await showRotation();
    const dialog = await openWizard();
    await planFor(dialog);

    // The plan: the flows, the permissions copied, and the cutover in plain words.
    const flows = within(dialog).getByRole('region', { name: 'Affected flows' });
    expect(flows.textContent).toContain('3 flows move to the new key');
    expect(
      within(dialog).getByRole('region', { name: 'Permissions copied' }).textContent,
    ).toContain('chatflows:view');
    const cutover = within(dialog).getByRole('note', { name: 'About the cutover' });
    expect(cutover.textContent).toContain('A chatflow accepts exactly one key');
    expect(cutover.textContent).toContain('keep working until you revoke');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'FAQ (chatflow): safe to call' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));

    // Run: every step up to the reveal is done, and the new key is shown once.
    const value = (await within(dialog).findByTestId('rotation-new-key')).textContent;
    expect(value).not.toBe(OLD_VALUE);
    expect(value.length).toBeGreaterThan(20);
    // The reveal says what is true: while the rotation waits, the value can be shown again.
    const reveal = within(dialog).getByRole('region', { name: 'The new key' });
    expect(reveal.textContent).toContain('can be shown again');
    expect(reveal.textContent).not.toMatch(/shown this once|not see this value again/i);
    const steps = within(dialog).getByRole('list', { name: 'Rotation steps' });
    expect(
      within(steps).getByText('Move the flows to the new key').parentElement?.textContent,
    ).toContain('(done)');
    const [view] = (await fake.api.rotation.list()).rotations;
    expect(view?.flows.map((f) => [f.name, f.probe])).toEqual([
      ['Support bot', false],
      ['Sales bot', false],
      ['FAQ', true],
    ]);
    expect(JSON.stringify(rotationState())).not.toContain(value);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy new key' }));
    await waitFor(() => {
      expect(fake.clipboardText()).toBe(value);
    });
    expect(within(reveal).getByRole('status').textContent).toBe(
      'Copied. The clipboard is cleared again shortly.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));

    // Grace: the value is gone from the page; revoke waits for the person's word.
    expect(within(dialog).queryByTestId('rotation-new-key')).toBeNull();
    // The pressed button went with its step: focus moves to the next step's heading.
    expect(document.activeElement?.textContent).toBe('Update your apps, then revoke the old key');
    expect(document.body.textContent).not.toContain(value);
    const revoke = within(dialog).getByRole<HTMLButtonElement>('button', {
      name: 'Revoke old key',
    });
    expect(revoke.disabled).toBe(true);
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I have updated the apps that used the old key',
      }),
    );
    fireEvent.click(revoke);

    const summary = await within(dialog).findByRole('region', { name: 'Summary' });
    expect(summary.textContent).toContain('the server now refuses it (401)');
    expect(summary.textContent).toContain('3 flows answer to the new key');
    const keys = (await fake.api.keys.list({ instanceId })).keys.filter(
      (k) => k.id !== fake.server.adminKey.id,
    );
    expect(keys.map((k) => [k.keyName, k.boundFlows.length])).toEqual([['deploy', 3]]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    const list = await screen.findByRole('list', { name: 'Rotations' });
    expect(list.textContent).toContain('Done: old key revoked');
    expect(within(list).getByRole('button', { name: /^Details/ })).toBeTruthy();
    expect(document.body.textContent).not.toContain(value);
  });

  it("says what is true of each step: the key on screen, then the wait for the person's word", async () => {
    await showRotation();
    const dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    await within(dialog).findByTestId('rotation-new-key');
    const steps = within(dialog).getByRole('list', { name: 'Rotation steps' });
    const state = (label: string) =>
      within(steps)
        .getAllByRole('listitem')
        .find((li) => li.textContent.includes(label))?.textContent;
    expect(state('Show the new key once')).toContain('(on screen now)');
    expect(state('Update your apps')).toContain('(not started)');

    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    expect(state('Show the new key once')).toContain('(done)');
    expect(state('Update your apps')).toContain('(waiting for you)');
    expect(state('Revoke the old key')).toContain('(not started)');
  });

  it('resumed in grace, revokes without a false "already running" error', async () => {
    const { fake } = await showRotation();
    let dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'I have stored it' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close, the rotation is saved' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Rotate an API key' })).toBeNull();
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Resume (rotation of deploy)' }));
    dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    fireEvent.click(
      await within(dialog).findByRole('checkbox', {
        name: 'I have updated the apps that used the old key',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke old key' }));

    const summary = await within(dialog).findByRole('region', { name: 'Summary' });
    expect(summary.textContent).toContain('the server now refuses it (401)');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(fake.calls.filter((c) => c === 'rotation.resume')).toEqual([]);
  });

  it('offers to create the new key again when it is no longer on the server', async () => {
    const { fake } = await showRotation();
    // The new key is deleted on the server right after it is made, once.
    const { state } = fake.server;
    const add = state.addKey.bind(state);
    state.addKey = (...args: Parameters<typeof add>) => {
      state.addKey = add;
      const key = add(...args);
      queueMicrotask(() => state.keys.delete(key.id));
      return key;
    };
    const dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('no longer on the server');
    expect(within(dialog).getByRole('button', { name: 'Roll back' })).toBeTruthy();
    fireEvent.click(await enabled(dialog, 'Create the new key again'));
    await within(dialog).findByTestId('rotation-new-key');
  });

  it('shows a failed step in words, retries it, and the new key can be shown again in grace', async () => {
    const { fake } = await showRotation();
    fake.server.fault({ method: 'GET', path: /^\/chatflows\/[^/]+$/, status: 502, times: 1 });
    const dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('"Check the flows and the new key" failed.');
    expect(alert.textContent).toContain('(HTTP 502)');
    expect(within(dialog).getByRole('button', { name: 'Roll back' })).toBeTruthy();
    fireEvent.click(await enabled(dialog, 'Retry'));

    await within(dialog).findByTestId('rotation-new-key');
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    // Shown again later, main may want the master password first.
    fake.failNext(
      'rotation.reveal',
      new AppError('reauth_required', 'The vault was unlocked more than 5 minutes ago.'),
    );
    fireEvent.click(await enabled(dialog, 'Show the new key again'));
    const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
    expect(ask.textContent).toContain('It is needed to show the new key again.');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    fireEvent.change(within(ask).getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(within(ask).getByRole('button', { name: 'Show the key' }));
    expect(await within(dialog).findByTestId('rotation-new-key')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Enter the master password' })).toBeNull();
    expect(fake.calls.filter((c) => c === 'rotation.reveal')).toHaveLength(2);
  });

  it('rolls back before revoke: the flows go back to the old key', async () => {
    const { fake, instanceId } = await showRotation();
    fake.server.fault({ method: 'PUT', path: /^\/chatflows\//, status: 500, times: 3 });
    const dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    fireEvent.click(await enabled(dialog, 'Roll back'));

    const summary = await within(dialog).findByRole('region', { name: 'Summary' });
    expect(summary.textContent).toContain('The flows are back on deploy');
    const keys = (await fake.api.keys.list({ instanceId })).keys.filter(
      (k) => k.id !== fake.server.adminKey.id,
    );
    expect(keys.map((k) => [k.keyName, k.boundFlows.length])).toEqual([['deploy', 3]]);
  });

  it('offers roll back during grace, after a confirmation that names the flows that move back', async () => {
    const { fake, instanceId } = await showRotation();
    const dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'I have stored it' }));
    within(dialog).getByRole('region', { name: 'Update your apps' });

    // Changing one's mind first closes the question and changes nothing.
    fireEvent.click(await enabled(dialog, 'Roll back'));
    let confirm = await screen.findByRole('dialog', { name: 'Roll back this rotation?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep the rotation' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Roll back this rotation?' })).toBeNull();
    });
    expect(fake.calls).not.toContain('rotation.rollback');

    fireEvent.click(await enabled(dialog, 'Roll back'));
    confirm = await screen.findByRole('dialog', { name: 'Roll back this rotation?' });
    const moving = within(confirm).getByRole('list', { name: 'Flows that move back' });
    expect(
      within(moving)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Support bot', 'Sales bot', 'FAQ']);
    expect(confirm.textContent).toContain('back to the old key, deploy');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Move the flows back' }));

    const summary = await within(dialog).findByRole('region', { name: 'Summary' });
    expect(summary.textContent).toContain('The flows are back on deploy');
    const keys = (await fake.api.keys.list({ instanceId })).keys.filter(
      (k) => k.id !== fake.server.adminKey.id,
    );
    expect(keys.map((k) => [k.keyName, k.boundFlows.length])).toEqual([['deploy', 3]]);
  });

  it('refuses roll back after revoke started, and says it can only go forward', async () => {
    const { fake } = await showRotation();
    fake.server.fault({ method: 'DELETE', path: /^\/apikey\//, status: 500, times: 1 });
    const dialog = await openWizard();
    await planFor(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'I have stored it' }));
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I have updated the apps that used the old key',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke old key' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('"Revoke the old key" failed.');
    expect(alert.textContent).toContain('can only go forward');
    expect(within(dialog).queryByRole('button', { name: 'Roll back' })).toBeNull();
    fireEvent.click(await enabled(dialog, 'Retry'));
    await within(dialog).findByRole('region', { name: 'Summary' });
  });

  it('says plainly when the key is the one the app manages the instance with', async () => {
    const app = await seeded();
    const admin = app.fake.server.adminKey;
    const dialog = await wizardOn(app, admin.id);
    const note = await within(dialog).findByRole('note', { name: 'About the admin key' });
    expect(note.textContent).toContain('This is the key Flowise Key Vault uses to manage Prod.');
    expect(note.textContent).toContain('switches its stored admin key to the new key');
    expect(note.textContent).toContain('deleted when you revoke it');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    await within(dialog).findByTestId('rotation-new-key');
    const steps = within(dialog).getByRole('list', { name: 'Rotation steps' });
    expect(
      within(steps).getByText("Switch the app's admin key to the new key").parentElement
        ?.textContent,
    ).toContain('(done)');
  });

  it('leaves the admin key note and switch step out for any other key', async () => {
    const app = await seeded();
    const dialog = await wizardOn(app, app.keyId);
    await within(dialog).findByRole('region', { name: 'Affected flows' });
    expect(within(dialog).queryByRole('note', { name: 'About the admin key' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    await within(dialog).findByTestId('rotation-new-key');
    const steps = within(dialog).getByRole('list', { name: 'Rotation steps' });
    expect(within(steps).queryByText("Switch the app's admin key to the new key")).toBeNull();
  });

  it('says on the plan that the key is already being rotated, and offers no start', async () => {
    const app = await seeded();
    await app.fake.api.rotation.start({ instanceId: app.instanceId, keyId: app.keyId });
    const dialog = await wizardOn(app, app.keyId);
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('"deploy" is already being rotated');
    expect(within(dialog).queryByRole('button', { name: 'Start rotation' })).toBeNull();
  });

  it('opens on the plan of a key chosen elsewhere, and explains a refusal', async () => {
    const app = await seeded();
    const dialog = await wizardOn(app, app.keyId);
    await within(dialog).findByRole('region', { name: 'Affected flows' });
    expect(within(dialog).queryByRole('radio')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeTruthy();

    // Another window started a rotation of the same key meanwhile.
    await act(() => app.fake.api.rotation.start({ instanceId: app.instanceId, keyId: app.keyId }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('already being rotated');
    expect(within(dialog).getByRole('status').textContent).toBe('The rotation did not start.');
  });
});
