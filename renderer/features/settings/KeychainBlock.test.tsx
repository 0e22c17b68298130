// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp, TEST_PASSWORD } from '../../testing/show-app.js';

afterEach(cleanup);

async function openKeychainSettings(enabled: boolean) {
  const shown = await showApp({ keychain: enabled });
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const heading = await screen.findByRole('heading', { name: 'System keychain' });
  const block = heading.closest('section');
  if (block === null) throw new Error('No keychain block.');
  return { ...shown, block: within(block) };
}

async function submitPassword(password: string, button: string): Promise<void> {
  const dialog = within(await screen.findByRole('dialog'));
  fireEvent.change(dialog.getByLabelText('Master password'), { target: { value: password } });
  fireEvent.click(dialog.getByRole('button', { name: button }));
}

describe('KeychainBlock', () => {
  it('turning keychain unlock on asks for the master password first, and a wrong one changes nothing', async () => {
    const { fake, block } = await openKeychainSettings(false);
    fireEvent.click(block.getByRole('switch', { name: 'Unlock with system keychain' }));
    expect(fake.calls).not.toContain('vault.setKeychainUnlock');
    await submitPassword('not the password', 'Turn on');
    expect(await screen.findByText(/does not open/)).toBeTruthy();
    expect((await fake.api.vault.status()).keychain.enabled).toBe(false);

    await submitPassword(TEST_PASSWORD, 'Turn on');
    await screen.findByRole('switch', { name: 'Unlock with system keychain', checked: true });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await fake.api.vault.status()).keychain.enabled).toBe(true);
  });

  it('turning keychain unlock off asks for the master password too, to wrap the fresh data key', async () => {
    const { fake, block } = await openKeychainSettings(true);
    fireEvent.click(block.getByRole('switch', { name: 'Unlock with system keychain' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/new data key/)).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect((await fake.api.vault.status()).keychain.enabled).toBe(true);

    fireEvent.click(block.getByRole('switch', { name: 'Unlock with system keychain' }));
    await submitPassword(TEST_PASSWORD, 'Turn off');
    await screen.findByRole('switch', { name: 'Unlock with system keychain', checked: false });
    expect((await fake.api.vault.status()).keychain.enabled).toBe(false);
  });
});
