// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, keyNames, keyRow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';

describe('KeysPage', () => {
  it('lists keys with masked value, permissions, usage and age', async () => {
    await showKeys(({ server }) => {
      const used = server.addKey('deploy', ['chatflows:view', 'chatflows:create'], VALUE);
      server.addKey('reader', ['chatflows:view', 'tools:view'], `${VALUE}-2`);
      addChatflow(server, 'Support bot', used.id);
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(keyNames()).toEqual(['admin', 'deploy', 'reader']);
    const deploy = keyRow('deploy');
    expect(deploy.textContent).toContain('••••wxyz');
    expect(deploy.textContent).toContain('chatflows: view, create');
    expect(within(deploy).getByTestId('key-usage').textContent).toBe('Used by 1 flow: Support bot');
    expect(deploy.textContent).toContain('First seen 2026-01-01');
    expect(within(keyRow('reader')).getByTestId('key-usage').textContent).toBe(
      'Not used by any flow',
    );
    expect(keyRow('reader').textContent).toContain('View only: chatflows, tools');
    expect(screen.getByText('3 keys')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('searches, sorts and filters to unused keys', async () => {
    await showKeys(async ({ fake, server, instanceId }) => {
      const b = server.addKey('beta', ['chatflows:view'], `${VALUE}-b`);
      // The vault dates a key from when it first sees it.
      await fake.api.keys.list({ instanceId });
      fake.advance(1_000);
      server.addKey('alpha', ['chatflows:view'], `${VALUE}-a`);
      addChatflow(server, 'Bot', b.id);
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(keyNames()).toEqual(['admin', 'alpha', 'beta']);
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'usage' } });
    await waitFor(() => {
      expect(keyNames()).toEqual(['beta', 'admin', 'alpha']);
    });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'firstSeen' } });
    await waitFor(() => {
      expect(keyNames()).toEqual(['alpha', 'admin', 'beta']);
    });
    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: 'BET' } });
    await waitFor(() => {
      expect(keyNames()).toEqual(['beta']);
    });
    expect(screen.getByText('1 of 3 keys match')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Unused keys only'));
    await screen.findByText('No key matches.');
    fireEvent.click(screen.getByLabelText('Unused keys only'));
    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Older than (days)'), { target: { value: '400' } });
    await screen.findByText('No key matches.');
    fireEvent.change(screen.getByLabelText('Older than (days)'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Broad permissions only'));
    // Only the admin key the instance is saved with holds every permission.
    await waitFor(() => {
      expect(keyNames()).toEqual(['admin']);
    });
  });

  it('keeps 10,000 keys to a window of rows', async () => {
    await showKeys(({ server }) => {
      for (let n = 0; n < 10_000; n++)
        server.addKey(`key ${String(n)}`, undefined, `v-${String(n)}-value`);
    });
    const list = await screen.findByRole('list', { name: 'API keys' }, { timeout: 5_000 });
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(20);
    expect(screen.getByText('10001 keys')).toBeTruthy();
  });

  it('says there are no keys, and explains a failed load in words', async () => {
    const { fake, server } = await showKeys(({ server }) => {
      server.down = true;
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The keys could not be loaded. 127.0.0.1:3000 refused the connection. Is Flowise running there?',
    );
    expect(fake.calls).toContain('keys.list');
    server.down = false;
    // A Flowise that lists no key (the admin key kept in another workspace, say).
    server.fault({ method: 'GET', path: '/apikey', status: 200, json: [], times: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'No API keys yet' });
  });

  it('asks for an instance when there is none', async () => {
    const { fake } = await showKeys(undefined, { instances: [] });
    await screen.findByRole('heading', { name: 'No active instance' });
    expect(fake.calls).not.toContain('keys.list');
  });

  it('renames a key and changes its permissions', async () => {
    const { fake, instanceId } = await showKeys(({ server }) => {
      server.addKey('old name', ['chatflows:view'], VALUE);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Edit old name' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit old name' });
    const save = within(dialog).getByRole('button', { name: 'Save changes' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Key name'), { target: { value: 'new name' } });
    fireEvent.click(
      await within(dialog).findByRole('checkbox', { name: 'Create (apikeys:create)' }),
    );
    fireEvent.click(save);
    await screen.findByText('Key new name saved.');
    expect(keyNames()).toEqual(['admin', 'new name']);
    const key = (await fake.api.keys.list({ instanceId })).keys.find(
      (k) => k.keyName === 'new name',
    );
    expect(key?.permissions).toEqual(['chatflows:view', 'apikeys:view', 'apikeys:create']);
  });

  it('says so when the key is already gone from the server', async () => {
    const { server } = await showKeys(({ server }) => {
      server.addKey('ghost', undefined, VALUE);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete ghost' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete ghost?' });
    server.state.keys.delete(server.keyNamed('ghost')?.id ?? '');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await screen.findByText('That key is already gone from the server.');
    await waitFor(() => {
      expect(keyNames()).toEqual(['admin']);
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('deletes an unused key after a plain confirmation', async () => {
    await showKeys(({ server }) => {
      server.addKey('spare', undefined, VALUE);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete spare' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete spare?' });
    expect(dialog.textContent).toContain('No flow uses this key.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await screen.findByText('Key spare deleted.');
    expect(keyNames()).toEqual(['admin']);
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Create key' }));
    });
  });

  it('lists the bound flows, warns of the 401 and needs the typed name to delete', async () => {
    const { fake, server } = await showKeys(({ server }) => {
      const key = server.addKey('prod key', undefined, VALUE);
      addChatflow(server, 'Support bot', key.id);
      addChatflow(server, 'Sales bot', key.id);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete prod key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete prod key?' });
    expect(dialog.textContent).toContain('2 flows use this key and will answer 401 until rebound');
    const flows = within(dialog).getByRole('list', { name: 'Flows using this key' });
    expect(
      within(flows)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Support bot (chatflow)', 'Sales bot (chatflow)']);
    const remove = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Delete key' });
    expect(remove.disabled).toBe(true);
    const typed = within(dialog).getByLabelText('Type prod key to delete it anyway');
    fireEvent.change(typed, { target: { value: 'prod ke' } });
    expect(remove.disabled).toBe(true);
    fireEvent.change(typed, { target: { value: 'prod key' } });
    fireEvent.click(remove);
    await screen.findByText('Key prod key deleted.');
    expect(fake.calls.filter((c) => c === 'keys.delete')).toHaveLength(1);
    expect(server.keyNamed('prod key')).toBeUndefined();
  });
});

describe('All instances', () => {
  it('lists every instance with its keys, or why they could not be read', async () => {
    const { fake } = await showKeys(
      async ({ fake, server }) => {
        server.addKey('prod key', ['chatflows:view'], VALUE);
        const lab = fake.instances[1];
        if (lab !== undefined)
          (await fake.serverOf(lab.id)).addKey('lab key', undefined, `${VALUE}-lab`);
      },
      {
        instances: [
          { name: 'Prod' },
          { name: 'Lab', baseUrl: 'http://127.0.0.1:3001' },
          { name: 'Gone', baseUrl: 'http://127.0.0.1:3002', down: true },
        ],
      },
    );
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('tab', { name: 'All instances' }));
    const prod = await screen.findByRole('region', { name: 'Prod' });
    const names = (region: HTMLElement) =>
      within(region)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent);
    expect(names(prod)).toEqual(['admin', 'prod key']);
    expect(within(prod).getByRole('list', { name: 'Keys of Prod' }).textContent).toContain(
      'View only: chatflows · Not used by any flow',
    );
    const lab = screen.getByRole('region', { name: 'Lab' });
    expect(names(lab)).toEqual(['admin', 'lab key']);
    const gone = screen.getByRole('region', { name: 'Gone' });
    expect(gone.textContent).toContain('127.0.0.1:3002 refused the connection.');
    expect(fake.calls).toContain('keys.listAll');
    expect(document.body.innerHTML).not.toContain(VALUE);

    // One click from an instance's heading to acting on its keys.
    fireEvent.click(within(lab).getByRole('button', { name: 'Manage keys of Lab' }));
    await waitFor(() => {
      expect(keyNames()).toEqual(['admin', 'lab key']);
    });
    expect(screen.getByRole('tab', { name: 'Keys' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Lab', { selector: 'strong' })).toBeTruthy();
  });
});
