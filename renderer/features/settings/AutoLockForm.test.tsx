// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp, TEST_PASSWORD } from '../../testing/show-app.js';

afterEach(cleanup);

async function openLockingSettings(init: Parameters<typeof showApp>[0] = {}) {
  const shown = await showApp(init);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const heading = await screen.findByRole('heading', { name: 'Locking' });
  const block = heading.closest('section');
  if (block === null) throw new Error('No locking block.');
  return { ...shown, block: within(block) };
}

describe('the locking options of the settings form', () => {
  it('a change that weakens a lock asks for the master password and saves only with it', async () => {
    const { fake, block } = await openLockingSettings();
    fireEvent.click(block.getByRole('checkbox', { name: 'Lock when the screen locks' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const dialog = await screen.findByRole('dialog', { name: 'Enter the master password' });
    expect(within(dialog).getByText(/locking when the screen locks turned off/)).toBeTruthy();
    expect((await fake.api.settings.get()).lockOnScreenLock).toBe(true);

    const password = within(dialog).getByLabelText('Master password');
    fireEvent.change(password, { target: { value: 'not it' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText(/password/i, { selector: '[role="alert"] *' });
    expect((await fake.api.settings.get()).lockOnScreenLock).toBe(true);

    fireEvent.change(password, { target: { value: TEST_PASSWORD } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await fake.api.settings.get()).lockOnScreenLock).toBe(false);
  });

  it('a change that only strengthens the locks saves without asking', async () => {
    const { fake, block } = await openLockingSettings({ settings: { lockOnSleep: false } });
    fireEvent.change(block.getByLabelText('Auto-lock after (minutes)'), {
      target: { value: '2' },
    });
    fireEvent.click(block.getByRole('checkbox', { name: 'Lock when the computer sleeps' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await fake.api.settings.get()).toMatchObject({ autoLockMinutes: 2, lockOnSleep: true });
  });
});
