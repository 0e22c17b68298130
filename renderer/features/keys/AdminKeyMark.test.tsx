// @vitest-environment jsdom
// The key an instance is saved with (its admin key): marked "Used by this vault" in the Keys list
// and the Flows tab's key chooser, never deleted from here (its Delete dialog says why and offers
// the admin key's own rotation), and named with the permissions the app needs that it lacks.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, keyRow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';

describe("the vault's own admin key on the Keys page", () => {
  it('is marked "Used by this vault" in the list, and no other key is', async () => {
    await showKeys(({ server }) => {
      server.addKey('deploy', ['chatflows:view'], VALUE);
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(within(keyRow('admin')).getByTestId('vault-key').textContent).toBe('Used by this vault');
    expect(within(keyRow('deploy')).queryByTestId('vault-key')).toBeNull();
  });

  it('names the permissions the app needs that the admin key lacks', async () => {
    await showKeys(({ server }) => {
      const lacking = new Set(['apikeys:delete', 'credentials:view']);
      server.adminKey.permissions = server.adminKey.permissions.filter((p) => !lacking.has(p));
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(within(keyRow('admin')).getByTestId('vault-key').textContent).toBe(
      'Used by this vault — missing apikeys:delete, credentials:view',
    );
  });

  it('refuses to delete it, says why, and offers to rotate the admin key instead', async () => {
    const { fake } = await showKeys();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete admin?' });
    expect(dialog.textContent).toContain('This vault manages the server with this key');
    expect(within(dialog).queryByRole('button', { name: 'Delete key' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate the admin key' }));
    const wizard = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    await within(wizard).findByRole('note', { name: 'About the admin key' });
    expect(fake.calls).not.toContain('keys.delete');
  });

  it("is marked in the Flows tab's key chooser", async () => {
    await showKeys(({ server }) => {
      server.addKey('spare', undefined, VALUE);
      addChatflow(server, 'Open bot');
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('tab', { name: 'Flows' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Change key for Open bot' }));
    const dialog = await screen.findByRole('dialog', { name: 'Key for Open bot' });
    expect(
      within(dialog)
        .getByRole('radio', { name: /^admin/ })
        .closest('label')?.textContent,
    ).toContain('Used by this vault');
    expect(
      within(dialog)
        .getByRole('radio', { name: /^spare/ })
        .closest('label')?.textContent,
    ).not.toContain('Used by this vault');
  });

  it('is marked in the chooser that binds several flows at once', async () => {
    await showKeys(({ server }) => {
      addChatflow(server, 'Open bot');
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('tab', { name: 'Flows' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Choose Open bot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Bind 1 flow to…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bind 1 flow to a key' });
    expect(
      within(dialog)
        .getByRole('radio', { name: /^admin/ })
        .closest('label')?.textContent,
    ).toContain('Used by this vault');
  });
});
