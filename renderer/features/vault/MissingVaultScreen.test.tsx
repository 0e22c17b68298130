// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { App } from '../../App.js';
import { createTestCore, loseVault, TEST_PASSWORD } from '../../testing/test-core.js';

const PASSWORD = TEST_PASSWORD;
const BACKUP = '/vaults/test/vault.fkv.bak';

afterEach(cleanup);

/** A vault saved twice, so its backup is next to it, then lost. */
async function showMissing() {
  const fake = await createTestCore();
  await fake.api.vault.changePassword({ current: PASSWORD, next: PASSWORD });
  loseVault(fake);
  render(<App api={fake.api} />);
  return fake;
}

describe('MissingVaultScreen', () => {
  it('a missing vault next to a backup offers restore, not a bare Create vault', async () => {
    const fake = await showMissing();
    await screen.findByRole('heading', { name: 'Your vault file is missing' });
    expect(screen.getByRole('listitem').textContent).toBe(BACKUP);
    expect(screen.queryByRole('button', { name: 'Create vault' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Restore from backup' }));
    await screen.findByRole('heading', { name: 'Unlock your vault' });
    expect(fake.calls).toContain('vault.restoreBackup');
  });

  it('a new vault next to leftover files is made only after confirming, and the files are kept aside', async () => {
    const fake = await showMissing();
    fireEvent.click(await screen.findByRole('button', { name: 'Create a new vault instead' }));
    await screen.findByRole('heading', { name: 'Create your vault' });
    expect(screen.getByText(/moved into a dated folder/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Master password'), { target: { value: PASSWORD } });
    fireEvent.change(screen.getByLabelText('Confirm master password'), {
      target: { value: PASSWORD },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create vault' }));
    await screen.findByRole('button', { name: 'Lock vault' });
    expect(fake.calls).toContain('vault.create');
  });
});
