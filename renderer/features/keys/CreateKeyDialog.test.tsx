// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { keyNames, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

async function openCreate() {
  fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
  const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
  await within(dialog).findByRole('group', { name: 'Presets' });
  return dialog;
}

describe('CreateKeyDialog', () => {
  it('offers only what the admin key holds, with presets, and needs a permission', async () => {
    await showKeys(({ server }) => {
      server.adminKey.permissions = ['chatflows:view', 'chatflows:create', 'apikeys:view'];
    });
    const dialog = await openCreate();
    expect(dialog.textContent).toContain('69 permissions are not offered');
    expect(
      within(dialog).queryByRole('checkbox', { name: 'Delete (chatflows:delete)' }),
    ).toBeNull();
    const create = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Create key' });
    expect(create.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Read only' }));
    const view = within(dialog).getByRole<HTMLInputElement>('checkbox', {
      name: 'View (chatflows:view)',
    });
    expect(view.checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'None' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Create (chatflows:create)' }));
    // Create implies view, as in Flowise.
    expect(view.checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'All chatflows' }));
    expect(view.checked).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Everything the admin key holds' }));
    expect(create.disabled).toBe(false);
  });

  it('explains that keys have full access on an older server', async () => {
    await showKeys(undefined, { flowise: { generation: '2.0.6-3.0.0' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    await within(dialog).findByText(/this key will have full access/);
    fireEvent.change(within(dialog).getByLabelText('Key name'), { target: { value: 'old' } });
    expect(
      within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Create key' }).disabled,
    ).toBe(false);
  });

  it('shows the new value once, copies it, and drops it on close', async () => {
    const { fake, server, keysState } = await showKeys();
    const dialog = await openCreate();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Read only' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(await within(dialog).findByText('Give the key a name.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Key name'), { target: { value: 'deploy' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const reveal = await screen.findByRole('dialog', { name: 'Key deploy created' });
    const value = (await within(reveal).findByTestId('revealed-key')).textContent;
    expect(value).toBe(server.keyNamed('deploy')?.apiKey);
    expect(reveal.textContent).toContain('You will not see this value again.');
    expect(fake.calls.filter((c) => c === 'keys.reveal')).toHaveLength(1);
    expect(JSON.stringify(keysState())).not.toContain(value);
    // Shown once: a stray Escape or click outside must not throw the value away.
    fireEvent.keyDown(reveal, { key: 'Escape' });
    fireEvent.pointerDown(document.body);
    expect(screen.getByRole('dialog', { name: 'Key deploy created' })).toBe(reveal);

    fireEvent.click(within(reveal).getByRole('button', { name: 'Copy key' }));
    await waitFor(() => {
      expect(within(reveal).getByRole('status').textContent).toBe(
        'Copied. The clipboard is cleared again shortly.',
      );
    });
    expect(fake.clipboardText()).toBe(value);
    fireEvent.click(within(reveal).getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(keyNames()).toEqual(['admin', 'deploy']);
    expect(document.body.innerHTML).not.toContain(value);
    expect(JSON.stringify(keysState())).not.toContain(value);

    await openCreate();
    expect(screen.queryByTestId('revealed-key')).toBeNull();
    expect(fake.calls.filter((c) => c === 'keys.reveal')).toHaveLength(1);
  });

  it('says so when the ticket was already used', async () => {
    const { fake } = await showKeys();
    const dialog = await openCreate();
    fireEvent.change(within(dialog).getByLabelText('Key name'), { target: { value: 'twice' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Everything the admin key holds' }));
    fake.failNext(
      'keys.reveal',
      new AppError(
        'not_found',
        'This key was already shown once, or the chance to see it has passed. Copy it from the key list instead.',
      ),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    const reveal = await screen.findByRole('dialog', { name: 'Key twice created' });
    expect((await within(reveal).findByRole('alert')).textContent).toContain('already shown once');
    expect(
      within(reveal).getByRole<HTMLButtonElement>('button', { name: 'Copy key' }).disabled,
    ).toBe(true);
  });

  it('shows a refused create in words and keeps the form', async () => {
    const { server } = await showKeys();
    const dialog = await openCreate();
    fireEvent.change(within(dialog).getByLabelText('Key name'), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Read only' }));
    // The admin key loses apikeys:create on the server after the dialog opened.
    server.adminKey.permissions = server.adminKey.permissions.filter((p) => p !== 'apikeys:create');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The API key lacks the permission apikeys:create that POST /apikey needs on 127.0.0.1:3000.',
    );
    expect(within(dialog).getByLabelText<HTMLInputElement>('Key name').value).toBe('x');
  });
});
