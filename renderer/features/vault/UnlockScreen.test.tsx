// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { App } from '../../App.js';
import type { FakeApiInit } from '../../testing/fake-api.js';
import { createFakeApi, FAKE_VAULT_PATH } from '../../testing/fake-api.js';

const PASSWORD = 'correct horse battery staple 7';

afterEach(cleanup);

async function showUnlock(init: FakeApiInit) {
  const fake = createFakeApi({ state: 'locked', password: PASSWORD, ...init });
  render(<App api={fake.api} />);
  await screen.findByRole('heading', { name: 'Unlock your vault' });
  return fake;
}

function unlock(password: string): void {
  fireEvent.change(screen.getByLabelText('Master password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
}

describe('UnlockScreen', () => {
  it('says why it is locked and shows the AppError message in an alert', async () => {
    await showUnlock({ lastLockReason: 'idle' });
    expect(screen.getByRole('status').textContent).toBe('Locked after inactivity.');
    expect(screen.queryByRole('button', { name: 'Unlock with system keychain' })).toBeNull();

    unlock('not the password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`The master password does not open ${FAKE_VAULT_PATH}.`);
    expect(screen.getByLabelText<HTMLInputElement>('Master password').value).toBe('');

    unlock(PASSWORD);
    await screen.findByRole('button', { name: 'Lock vault' });
  });

  it('says nothing about a lock at startup', async () => {
    await showUnlock({ lastLockReason: 'startup' });
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('offers the backup of a damaged file and asks for its password', async () => {
    const fake = await showUnlock({ damaged: { backupPassword: 'the old one 1' } });
    unlock(PASSWORD);
    expect((await screen.findByRole('alert')).textContent).toContain('vault.fkv is damaged');
    fireEvent.click(screen.getByRole('button', { name: 'Open backup' }));

    await screen.findByText(/damaged file was kept aside/);
    expect(fake.calls).toContain('vault.restoreBackup');
    expect(screen.queryByRole('alert')).toBeNull();
    unlock('the old one 1');
    await screen.findByRole('button', { name: 'Lock vault' });
  });

  it('opens an older vault only when asked, without retyping the password', async () => {
    const fake = await showUnlock({ rollback: true });
    unlock(PASSWORD);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('older than the newest');
    fireEvent.click(screen.getByRole('button', { name: 'Open older vault anyway' }));
    await screen.findByRole('button', { name: 'Lock vault' });
    expect(fake.calls.filter((call) => call === 'vault.unlock')).toHaveLength(2);
  });

  it('a vault whose history cannot be checked says so with its date and save number, and opens only when asked', async () => {
    const fake = await showUnlock({ rollback: 'unverified' });
    unlock(PASSWORD);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This vault's history could not be checked");
    expect(alert.textContent).toContain('save #7');
    expect(alert.textContent).toContain(new Date(Date.UTC(2026, 0, 2)).toLocaleString());
    expect(screen.queryByRole('button', { name: 'Open older vault anyway' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open this vault anyway' }));
    await screen.findByRole('button', { name: 'Lock vault' });
    expect(fake.calls.filter((call) => call === 'vault.unlock')).toHaveLength(2);
  });

  it('a notice from start-up is shown as an alert until dismissed', async () => {
    await showUnlock({
      notices: [{ code: 'state_reset', message: 'The state file was set aside.' }],
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('The state file was set aside.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('unlocks with the keychain when it is on and available', async () => {
    const fake = await showUnlock({ keychain: { enabled: true, available: true } });
    fake.failNext(
      'vault.unlockWithKeychain',
      new AppError('keychain_failed', 'Use your password.'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Unlock with system keychain' }));
    expect(within(await screen.findByRole('alert')).getByText('Use your password.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Unlock with system keychain' }));
    await screen.findByRole('button', { name: 'Lock vault' });
  });
});
