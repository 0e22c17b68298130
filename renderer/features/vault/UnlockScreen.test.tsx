// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { App } from '../../App.js';
import type { TestCore, TestCoreInit } from '../../testing/test-core.js';
import {
  createTestCore,
  damageVault,
  forgetVaultHistory,
  restartTestCore,
  rollBackVault,
  TEST_PASSWORD,
  TEST_START,
} from '../../testing/test-core.js';

const PASSWORD = TEST_PASSWORD;
const VAULT_PATH = '/vaults/test/vault.fkv';

afterEach(cleanup);

/** The app on a locked vault; `prepare` may change the files first (and return another core). */
async function showUnlock(
  init: TestCoreInit = {},
  prepare: (t: TestCore) => Promise<TestCore | undefined> | TestCore | undefined = () => undefined,
) {
  const created = await createTestCore({ vault: 'locked', ...init });
  const fake = (await prepare(created)) ?? created;
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
    await showUnlock({ lockReason: 'idle' });
    expect(screen.getByRole('status').textContent).toBe('Locked after inactivity.');
    expect(screen.queryByRole('button', { name: 'Unlock with system keychain' })).toBeNull();

    unlock('not the password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`The master password does not open ${VAULT_PATH}.`);
    expect(screen.getByLabelText<HTMLInputElement>('Master password').value).toBe('');

    unlock(PASSWORD);
    await screen.findByRole('button', { name: 'Lock vault' });
  });

  it('says nothing about a lock at startup', async () => {
    await showUnlock({}, (t) => restartTestCore(t));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('offers the backup of a damaged file and asks for its password', async () => {
    // The backup is the save before the damage, made under the password of that time.
    const fake = await showUnlock({ vault: 'unlocked' }, async (t) => {
      await t.api.vault.changePassword({ current: PASSWORD, next: 'the old one 1' });
      damageVault(t);
      return undefined;
    });
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
    const fake = await showUnlock({ vault: 'unlocked' }, async (t) => {
      await rollBackVault(t);
      return undefined;
    });
    unlock(PASSWORD);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('older than the newest');
    fireEvent.click(screen.getByRole('button', { name: 'Open older vault anyway' }));
    await screen.findByRole('button', { name: 'Lock vault' });
    expect(fake.calls.filter((call) => call === 'vault.unlock')).toHaveLength(2);
  });

  it('a vault whose history cannot be checked says so with its date and save number, and opens only when asked', async () => {
    const fake = await showUnlock({}, (t) => {
      forgetVaultHistory(t);
      return undefined;
    });
    unlock(PASSWORD);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This vault's history could not be checked");
    // Created at the fake clock's start and saved once since.
    expect(alert.textContent).toContain('save #1');
    expect(alert.textContent).toContain(new Date(TEST_START).toLocaleString());
    expect(screen.queryByRole('button', { name: 'Open older vault anyway' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Open this vault anyway' }));
    await screen.findByRole('button', { name: 'Lock vault' });
    expect(fake.calls.filter((call) => call === 'vault.unlock')).toHaveLength(2);
  });

  it('a notice from start-up is shown as an alert until dismissed', async () => {
    await showUnlock({}, (t) =>
      restartTestCore(t, { stateSetAside: '/state/state.json.corrupt-1' }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('set aside as /state/state.json.corrupt-1');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('unlocks with the keychain when it is on and available', async () => {
    const fake = await showUnlock({ keychain: true });
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
