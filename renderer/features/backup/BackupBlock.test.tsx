// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { BoundFunctions, queries } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { captureDownloads } from '../../testing/capture-downloads.js';
import { openSection, showApp, TEST_PASSWORD } from '../../testing/show-app.js';
import type { TestCore } from '../../testing/test-core.js';
import { bytesOfBase64 } from '../audit/download-file.js';

type Queries = BoundFunctions<typeof queries>;

const PASSPHRASE = 'tangerine lighthouse gravel 42';
const INSTANCES = [{ name: 'Dev' }, { name: 'Prod', baseUrl: 'https://prod.example.com' }];

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openBackupDialog(button: 'Export a backup' | 'Import a backup') {
  openSection('Settings');
  const heading = await screen.findByRole('heading', { name: 'Encrypted backup' });
  const block = heading.closest('section');
  if (block === null) throw new Error('No backup block.');
  fireEvent.click(within(block).getByRole('button', { name: button }));
  return within(await screen.findByRole('dialog'));
}

function type(dialog: Queries, label: string, value: string): void {
  fireEvent.change(dialog.getByLabelText(label), { target: { value } });
}

async function exportedBackup(fake: TestCore): Promise<string> {
  const file = await fake.api.backup.export({
    password: TEST_PASSWORD,
    passphrase: PASSPHRASE,
    includeAudit: true,
  });
  return file.content;
}

async function pickFile(dialog: Queries, bytes: Uint8Array<ArrayBuffer>) {
  fireEvent.change(dialog.getByLabelText('Backup file'), {
    target: { files: [new File([bytes], 'vault.fkvbak')] },
  });
  type(dialog, 'Backup passphrase', PASSPHRASE);
  await waitFor(() => {
    expect(dialog.getByRole('button', { name: 'Preview' }).hasAttribute('disabled')).toBe(false);
  });
}

describe('BackupBlock', () => {
  it('exports only once the passphrase is good and typed twice, and saves the sealed file', async () => {
    const { fake } = await showApp({ instances: INSTANCES });
    const { blobs, clicked } = captureDownloads();
    const dialog = await openBackupDialog('Export a backup');
    const exportButton = () => dialog.getByRole('button', { name: 'Export' });

    type(dialog, 'Backup passphrase', 'password1');
    expect(dialog.getByText('Choose a passphrase rated good or strong.')).toBeTruthy();
    expect(dialog.getByText(/^Strength: weak/)).toBeTruthy();
    type(dialog, 'Backup passphrase', PASSPHRASE);
    type(dialog, 'Confirm backup passphrase', 'tangerine lighthouse gravel 43');
    expect(dialog.getByText('The passphrases do not match.')).toBeTruthy();
    type(dialog, 'Confirm backup passphrase', PASSPHRASE);
    expect(exportButton().hasAttribute('disabled')).toBe(true);
    type(dialog, 'Master password', 'not the password');
    fireEvent.click(exportButton());
    expect(await dialog.findByRole('alert')).toBeTruthy();
    expect(clicked).toHaveLength(0);

    type(dialog, 'Master password', TEST_PASSWORD);
    fireEvent.click(exportButton());
    await screen.findByText(/^Backup of 2 instances saved as flowise-key-vault-.*\.fkvbak\.$/);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(clicked[0]?.download).toMatch(/\.fkvbak$/);
    const saved = new Uint8Array(await (blobs[0] as Blob).arrayBuffer());
    const preview = await fake.api.backup.preview({
      content: btoa(String.fromCharCode(...saved)),
      passphrase: PASSPHRASE,
    });
    expect(preview.items.map((item) => item.status)).toEqual(['identical', 'identical']);
    expect(preview.auditRecords).toBeGreaterThan(0);
    expect(document.documentElement.outerHTML).not.toContain(PASSPHRASE);
    expect(document.documentElement.outerHTML).not.toContain(TEST_PASSWORD);
  });

  it('exports chosen instances without the audit log', async () => {
    const { fake } = await showApp({ instances: INSTANCES });
    const { blobs } = captureDownloads();
    const dialog = await openBackupDialog('Export a backup');
    fireEvent.click(dialog.getByRole('radio', { name: 'Chosen instances' }));
    fireEvent.click(dialog.getByRole('checkbox', { name: 'Include the audit log' }));
    type(dialog, 'Backup passphrase', PASSPHRASE);
    type(dialog, 'Confirm backup passphrase', PASSPHRASE);
    type(dialog, 'Master password', TEST_PASSWORD);
    expect(dialog.getByRole('button', { name: 'Export' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(dialog.getByRole('checkbox', { name: 'Prod' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Export' }));
    await screen.findByText(/^Backup of 1 instance saved as /);
    const saved = new Uint8Array(await (blobs[0] as Blob).arrayBuffer());
    const preview = await fake.api.backup.preview({
      content: btoa(String.fromCharCode(...saved)),
      passphrase: PASSPHRASE,
    });
    expect(preview.items.map((item) => item.name)).toEqual(['Prod']);
    expect(preview.auditRecords).toBeUndefined();
  });

  it('previews new, identical and conflicting instances, and imports only once every conflict has a choice', async () => {
    const { fake } = await showApp({ instances: INSTANCES });
    const content = await exportedBackup(fake);
    const [dev, prod] = fake.instances;
    if (dev === undefined || prod === undefined) throw new Error('Two instances expected.');
    await fake.api.instances.update(dev.id, { name: 'Dev renamed' });
    await fake.api.instances.remove(prod.id);

    const dialog = await openBackupDialog('Import a backup');
    await pickFile(dialog, bytesOfBase64(content));
    fireEvent.click(dialog.getByRole('button', { name: 'Preview' }));
    const list = within(await dialog.findByRole('list', { name: 'Instances in the backup' }));
    expect(list.getByText(/Conflicts with Dev renamed .*: the same id/)).toBeTruthy();
    expect(list.getByText(/: New\./)).toBeTruthy();
    const importButton = dialog.getByRole('button', { name: 'Import' });
    expect(importButton.hasAttribute('disabled')).toBe(true);
    expect(fake.calls).not.toContain('backup.import');

    const choice = within(list.getByRole('group', { name: 'What to do with Dev' }));
    expect(choice.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
      'mine',
      'theirs',
      'both',
    ]);
    fireEvent.click(choice.getByRole('radio', { name: 'Take theirs' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Import' }));
    await screen.findByText(
      'Backup imported: 1 added, 1 replaced, 0 kept both, 0 kept mine, 0 identical.',
    );
    const names = (await fake.api.instances.list()).instances.map((instance) => instance.name);
    expect(names.sort()).toEqual(['Dev', 'Prod']);
  });

  it('says a wrong passphrase and a file that is not a backup in words, and changes nothing', async () => {
    const { fake } = await showApp({ instances: INSTANCES });
    const content = await exportedBackup(fake);
    const dialog = await openBackupDialog('Import a backup');

    await pickFile(dialog, bytesOfBase64(content));
    type(dialog, 'Backup passphrase', 'a different passphrase 9');
    fireEvent.click(dialog.getByRole('button', { name: 'Preview' }));
    expect((await dialog.findByRole('alert')).textContent).toBe(
      'That passphrase does not open this backup. Nothing was changed.',
    );

    await pickFile(dialog, new TextEncoder().encode('{"not": "a backup"}'));
    fireEvent.click(dialog.getByRole('button', { name: 'Preview' }));
    await waitFor(() => {
      expect(dialog.getByRole('alert').textContent).toMatch(/Nothing was changed\.$/);
    });
    expect(dialog.getByRole('alert').textContent).not.toMatch(/passphrase/);
    expect(fake.calls).not.toContain('backup.import');
    expect((await fake.api.instances.list()).instances).toHaveLength(2);
  });
});
