// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showApp, TEST_PASSWORD } from '../../testing/show-app.js';

afterEach(cleanup);

describe('BackupsBlock', () => {
  it('lists the automatic backups by date and save number, and restoring one locks; the unlock names it before it opens', async () => {
    const { fake } = await showApp({ instances: [{ name: 'lab' }] });
    const before = await fake.api.vault.generations();
    const oldest = before[before.length - 1];
    if (oldest === undefined) throw new Error('no automatic backup was kept');
    await fake.api.instances.add({
      name: 'later',
      baseUrl: 'http://127.0.0.1:9',
      adminKey: 'k'.repeat(20),
    });

    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Restore an automatic backup…' }));
    const dialog = within(
      await screen.findByRole('dialog', { name: 'Restore an automatic backup' }),
    );
    const table = within(await dialog.findByRole('table', { name: 'Automatic backups' }));
    const kept = await fake.api.vault.generations();
    expect(kept.length).toBeGreaterThan(before.length);
    expect(table.getAllByRole('row')).toHaveLength(kept.length + 1); // and the header row
    const saved = new Date(oldest.savedAt).toLocaleString();
    const name = `Restore the backup of ${saved} (save #${String(oldest.counter)})`;
    fireEvent.click(table.getByRole('button', { name }));
    expect(
      dialog.getByText(`Restore the backup of ${saved} (save #${String(oldest.counter)})?`),
    ).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Restore and lock' }));

    expect(await screen.findByText(/An automatic backup is in place/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('button', { name: 'Open older vault anyway' });
    // The rollback prompt names the restored file's save number and date.
    expect(document.body.textContent).toContain(`save #${String(oldest.counter)} of`);
    fireEvent.click(screen.getByRole('button', { name: 'Open older vault anyway' }));
    await screen.findByRole('button', { name: 'Lock vault' });
    const names = (await fake.api.instances.list()).instances.map((i) => i.name);
    expect(names).not.toContain('later');
  });
});
