// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { showInstances } from '../../testing/show-app.js';

const KEY = 'fkv-admin-key-SECRET-0123456789abcdef';
const draft = (name: string) => ({
  name,
  baseUrl: `https://${name.toLowerCase()}.example.com`,
  adminKey: `${KEY}-${name}`,
});

afterEach(cleanup);

const row = (name: string): HTMLElement => {
  const heading = screen.getByRole('heading', { level: 2, name });
  const item = heading.closest('li');
  if (item === null) throw new Error(`No row for ${name}`);
  return item;
};
const rowNames = (): string[] =>
  within(screen.getByRole('list', { name: 'Instances' }))
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent);

describe('InstancesSection', () => {
  it('invites adding the first instance when there is none', async () => {
    await showInstances();
    expect(await screen.findByRole('heading', { name: 'No instances yet' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add instance' })).toBeTruthy();
    expect(screen.queryByLabelText('Active instance')).toBeNull();
  });

  it('lists instances with address, masked key, status and the last report', async () => {
    const { fake } = await showInstances({ instances: [draft('Prod'), draft('Lab')] });
    await screen.findByRole('list', { name: 'Instances' });
    expect(rowNames()).toEqual(['Prod', 'Lab']);
    const prod = row('Prod');
    expect(prod.textContent).toContain('https://prod.example.com');
    expect(prod.textContent).toContain('••••Prod');
    expect(within(prod).getByRole('status').textContent).toBe('Not tested');
    expect(within(prod).getByText('Active')).toBeTruthy();
    expect(within(row('Lab')).queryByText('Active')).toBeNull();

    fireEvent.click(within(prod).getByRole('button', { name: 'Test connection to Prod' }));
    await waitFor(() => {
      expect(within(prod).getByRole('status').textContent).toBe(
        'Reachable: Flowise 3.1.4, open source, key “admin” valid',
      );
    });
    // The admin key holds every permission: a short sentence, then a list by resource, as
    // Flowise's own key dialog groups them.
    expect(within(prod).getByTestId('instance-summary').textContent).toMatch(
      /^Flowise 3\.1\.4, open source\. This key holds 72 permissions on 15 resources\./,
    );
    const held = within(prod).getByRole('list', { name: 'Permissions of the key' });
    const items = within(held)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toHaveLength(15);
    expect(items[0]).toBe(
      'Chatflows: view, create, update, duplicate, delete, export, import, config, domains',
    );
    expect(items).toContain('API Keys: view, create, update, delete');
    expect(items).toContain('Credentials: view, create, update, delete, share');

    fake.flowise.server(draft('Lab').baseUrl).down = true;
    const lab = row('Lab');
    fireEvent.click(within(lab).getByRole('button', { name: 'Test connection to Lab' }));
    await waitFor(() => {
      expect(within(lab).getByRole('status').textContent).toBe('Unreachable: connection failed');
    });
    expect(within(lab).getByTestId('instance-summary').textContent).toContain(
      'lab.example.com refused the connection. Is Flowise running there?Check the address and port',
    );
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it('names the permissions the app needs that the admin key lacks', async () => {
    const { fake } = await showInstances({ instances: [draft('Prod')] });
    const server = fake.flowise.server(draft('Prod').baseUrl);
    const lacking = new Set(['apikeys:delete', 'credentials:view']);
    server.adminKey.permissions = server.adminKey.permissions.filter((p) => !lacking.has(p));
    await screen.findByRole('list', { name: 'Instances' });
    const prod = row('Prod');
    fireEvent.click(within(prod).getByRole('button', { name: 'Test connection to Prod' }));
    const missing = await within(prod).findByTestId('admin-key-missing');
    expect(missing.textContent).toBe(
      'The admin key lacks apikeys:delete, credentials:view, which this app needs to manage the server.',
    );
  });

  it('says the key was refused, and names the key when the server does', async () => {
    const { fake } = await showInstances({
      instances: [draft('Prod')],
      flowise: { platform: 'enterprise' },
    });
    await screen.findByRole('list', { name: 'Instances' });
    const server = fake.flowise.server(draft('Prod').baseUrl);
    server.adminKey.keyName = 'vault admin';
    fireEvent.click(screen.getByRole('button', { name: 'Test connection to Prod' }));
    await screen.findByText('Reachable: Flowise 3.1.4, enterprise, key “vault admin” valid');
    // The key was deleted on the server meanwhile.
    server.state.keys.delete(server.adminKey.id);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection to Prod' }));
    await within(row('Prod')).findByText('Reachable, but the key was refused');
  });

  it('removes an instance only after a confirmation that names it', async () => {
    const { fake } = await showInstances({ instances: [draft('Prod'), draft('Lab')] });
    await screen.findByRole('list', { name: 'Instances' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove Lab' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove Lab?' });
    expect(dialog.textContent).toContain('Lab and its admin key are deleted from this vault.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(rowNames()).toEqual(['Prod', 'Lab']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove Lab' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove Lab?' });
    fake.failNext('instances.remove', new AppError('conflict', 'The vault changed meanwhile.'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove instance' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The vault changed meanwhile.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove instance' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(rowNames()).toEqual(['Prod']);
    expect(screen.getByText('Lab removed.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add instance' }));
  });

  it('reorders from the keyboard, keeping focus on the moved instance', async () => {
    await showInstances({ instances: [draft('A'), draft('B'), draft('C')] });
    await screen.findByRole('list', { name: 'Instances' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Move up (A)' }).disabled).toBe(
      true,
    );
    const down = screen.getByRole('button', { name: 'Move down (A)' });
    down.focus();
    fireEvent.click(down);
    await screen.findByText('A moved to position 2 of 3.');
    expect(rowNames()).toEqual(['B', 'A', 'C']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move down (A)' }));

    fireEvent.click(screen.getByRole('button', { name: 'Move down (A)' }));
    await screen.findByText('A moved to position 3 of 3.');
    expect(rowNames()).toEqual(['B', 'C', 'A']);
    // At the bottom, Move down is disabled, so the keyboard lands on Move up.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move up (A)' }));
  });

  it('makes another instance active, in the list and in the header', async () => {
    const { fake } = await showInstances({ instances: [draft('Prod'), draft('Lab')] });
    await screen.findByRole('list', { name: 'Instances' });
    fireEvent.click(screen.getByRole('button', { name: 'Make active (Lab)' }));
    await within(row('Lab')).findByText('Active');
    expect(within(row('Prod')).queryByText('Active')).toBeNull();
    const select = screen.getByLabelText<HTMLSelectElement>('Active instance');
    expect(select.selectedOptions[0]?.textContent).toBe('Lab');
    const { instances, activeId } = await fake.api.instances.list();
    expect(activeId).toBe(instances.find((i) => i.name === 'Lab')?.id);
  });

  it('follows changes made elsewhere, and empties on lock', async () => {
    const { fake } = await showInstances({ instances: [draft('Prod')] });
    await screen.findByRole('list', { name: 'Instances' });
    await act(async () => {
      await fake.api.instances.add(draft('Elsewhere'));
      fake.emit('instances.changed', await fake.api.instances.list());
    });
    expect(rowNames()).toEqual(['Prod', 'Elsewhere']);
    act(() => {
      fake.lockFromMain('screen');
    });
    expect(screen.queryByRole('list', { name: 'Instances' })).toBeNull();
  });
});
