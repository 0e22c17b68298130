// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { App } from '../../App.js';
import { createTestCore, TEST_PASSWORD } from '../../testing/test-core.js';
import { bytesOfBase64 } from '../audit/download-file.js';

const PASSPHRASE = 'tangerine lighthouse gravel 42';
const NEW_PASSWORD = 'another long master password 5';

afterEach(cleanup);

async function backupOfTwoInstances(): Promise<Uint8Array<ArrayBuffer>> {
  const source = await createTestCore({
    instances: [{ name: 'Dev' }, { name: 'Prod', baseUrl: 'https://prod.example.com' }],
  });
  const file = await source.api.backup.export({
    password: TEST_PASSWORD,
    passphrase: PASSPHRASE,
    includeAudit: true,
  });
  return bytesOfBase64(file.content);
}

async function openRestore(bytes: Uint8Array<ArrayBuffer>, passphrase: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Restore from a backup' }));
  const dialog = within(await screen.findByRole('dialog', { name: 'Restore from a backup' }));
  fireEvent.change(dialog.getByLabelText('Backup file'), {
    target: { files: [new File([bytes], 'vault.fkvbak')] },
  });
  fireEvent.change(dialog.getByLabelText('Backup passphrase'), { target: { value: passphrase } });
  fireEvent.change(dialog.getByLabelText('New master password'), {
    target: { value: NEW_PASSWORD },
  });
  fireEvent.change(dialog.getByLabelText('Confirm new master password'), {
    target: { value: NEW_PASSWORD },
  });
  const restore = dialog.getByRole('button', { name: 'Restore' });
  await waitFor(() => {
    expect(restore.hasAttribute('disabled')).toBe(false);
  });
  return { dialog, restore };
}

describe('RestoreBackupDialog', () => {
  it('restores a backup as the new vault, sealed with the new master password', async () => {
    const bytes = await backupOfTwoInstances();
    const fake = await createTestCore({ vault: 'none' });
    render(<App api={fake.api} />);
    const { restore } = await openRestore(bytes, PASSPHRASE);
    fireEvent.click(restore);
    await screen.findByRole('button', { name: 'Lock vault' });
    const names = (await fake.api.instances.list()).instances.map((instance) => instance.name);
    expect(names).toEqual(['Dev', 'Prod']);
    await fake.api.vault.lock();
    expect((await fake.api.vault.unlock({ password: NEW_PASSWORD })).state).toBe('unlocked');
    expect(document.documentElement.outerHTML).not.toContain(PASSPHRASE);
    expect(document.documentElement.outerHTML).not.toContain(NEW_PASSWORD);
  });

  it('says a wrong passphrase and leaves no vault behind', async () => {
    const bytes = await backupOfTwoInstances();
    const fake = await createTestCore({ vault: 'none' });
    render(<App api={fake.api} />);
    const { dialog, restore } = await openRestore(bytes, 'a different passphrase 9');
    fireEvent.click(restore);
    expect((await dialog.findByRole('alert')).textContent).toBe(
      'That passphrase does not open this backup. Nothing was changed.',
    );
    expect((await fake.api.vault.status()).state).toBe('none');
    expect(screen.getByRole('heading', { name: 'Create your vault', hidden: true })).toBeTruthy();
  });
});
