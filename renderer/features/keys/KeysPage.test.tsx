// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { keyNames, keyRow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';

describe('KeysPage', () => {
  it('lists keys with masked value, permissions, usage and age', async () => {
    await showKeys((fake, id) => {
      const used = fake.keys.seedKey(id, 'deploy', VALUE, ['chatflows:view', 'chatflows:create']);
      fake.keys.seedKey(id, 'reader', `${VALUE}-2`, ['chatflows:view', 'tools:view']);
      fake.keys.seedChatflow(id, 'Support bot', used.id);
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(keyNames()).toEqual(['deploy', 'reader']);
    const deploy = keyRow('deploy');
    expect(deploy.textContent).toContain('••••wxyz');
    expect(deploy.textContent).toContain('chatflows: view, create');
    expect(within(deploy).getByTestId('key-usage').textContent).toBe('Used by 1 flow: Support bot');
    expect(deploy.textContent).toContain('First seen 2026-01-01');
    expect(within(keyRow('reader')).getByTestId('key-usage').textContent).toBe(
      'Not used by any flow',
    );
    expect(keyRow('reader').textContent).toContain('View only: chatflows, tools');
    expect(screen.getByText('2 keys')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('searches, sorts and filters to unused keys', async () => {
    await showKeys((fake, id) => {
      const b = fake.keys.seedKey(id, 'beta', `${VALUE}-b`);
      fake.advance(1_000);
      fake.keys.seedKey(id, 'alpha', `${VALUE}-a`);
      fake.keys.seedChatflow(id, 'Bot', b.id);
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(keyNames()).toEqual(['alpha', 'beta']);
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'usage' } });
    await waitFor(() => {
      expect(keyNames()).toEqual(['beta', 'alpha']);
    });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'firstSeen' } });
    await waitFor(() => {
      expect(keyNames()).toEqual(['alpha', 'beta']);
    });
    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: 'BET' } });
    await waitFor(() => {
      expect(keyNames()).toEqual(['beta']);
    });
    expect(screen.getByText('1 of 2 keys match')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Unused keys only'));
    await screen.findByText('No key matches.');
    fireEvent.click(screen.getByLabelText('Unused keys only'));
    fireEvent.change(screen.getByLabelText('Search keys'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Older than (days)'), { target: { value: '400' } });
    await screen.findByText('No key matches.');
    fireEvent.change(screen.getByLabelText('Older than (days)'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Broad permissions only'));
    await screen.findByText('No key matches.');
  });

  it('keeps 10,000 keys to a window of rows', async () => {
    await showKeys((fake, id) => {
      for (let n = 0; n < 10_000; n++)
        fake.keys.seedKey(id, `key ${String(n)}`, `v-${String(n)}-value`);
    });
    const list = await screen.findByRole('list', { name: 'API keys' }, { timeout: 5_000 });
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(20);
    expect(screen.getByText('10000 keys')).toBeTruthy();
  });

  it('says there are no keys, and explains a failed load in words', async () => {
    const { fake } = await showKeys((fake) => {
      fake.failNext(
        'keys.list',
        new AppError('network', 'prod.example.com refused the connection.'),
      );
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The keys could not be loaded. prod.example.com refused the connection.',
    );
    expect(fake.calls).toContain('keys.list');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'No API keys yet' });
  });

  it('asks for an instance when there is none', async () => {
    const { fake } = await showKeys((fake, id) => {
      void fake.api.instances.remove(id);
    });
    await screen.findByRole('heading', { name: 'No active instance' });
    expect(fake.calls).not.toContain('keys.list');
  });

  it('renames a key and changes its permissions', async () => {
    const { fake, instanceId } = await showKeys((fake, id) => {
      fake.keys.seedKey(id, 'old name', VALUE, ['chatflows:view']);
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
    expect(keyNames()).toEqual(['new name']);
    const [key] = (await fake.api.keys.list({ instanceId })).keys;
    expect(key?.permissions).toEqual(['chatflows:view', 'apikeys:view', 'apikeys:create']);
  });

  it('says so when the key is already gone from the server', async () => {
    const { fake, instanceId } = await showKeys((fake, id) => {
      fake.keys.seedKey(id, 'ghost', VALUE);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete ghost' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete ghost?' });
    const [ghost] = (await fake.api.keys.list({ instanceId })).keys;
    await fake.api.keys.delete({ instanceId, keyId: ghost?.id ?? '' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await screen.findByText('That key no longer exists on Flowise.');
    await screen.findByRole('heading', { name: 'No API keys yet' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('deletes an unused key after a plain confirmation', async () => {
    await showKeys((fake, id) => {
      fake.keys.seedKey(id, 'spare', VALUE);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete spare' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete spare?' });
    expect(dialog.textContent).toContain('No flow uses this key.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await screen.findByRole('heading', { name: 'No API keys yet' });
    await screen.findByText('Key spare deleted.');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Create key' }));
    });
  });

  it('lists the bound flows, warns of the 401 and needs the typed name to delete', async () => {
    const { fake } = await showKeys((fake, id) => {
      const key = fake.keys.seedKey(id, 'prod key', VALUE);
      fake.keys.seedChatflow(id, 'Support bot', key.id);
      fake.keys.seedChatflow(id, 'Sales bot', key.id);
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
  });
});

describe('All instances', () => {
  it('lists every instance with its keys, or why they could not be read', async () => {
    const { fake } = await showKeys((fake, id) => {
      fake.keys.seedKey(id, 'prod key', VALUE, ['chatflows:view']);
      const lab = fake.instances.seed({
        name: 'Lab',
        baseUrl: 'https://lab.example.com',
        adminKey: 'b'.repeat(40),
      });
      fake.keys.seedKey(lab.id, 'lab key', `${VALUE}-lab`);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('tab', { name: 'All instances' }));
    const prod = await screen.findByRole('region', { name: 'Prod' });
    expect(within(prod).getByRole('heading', { level: 3 }).textContent).toBe('prod key');
    expect(within(prod).getByRole('list', { name: 'Keys of Prod' }).textContent).toContain(
      'View only: chatflows · Not used by any flow',
    );
    const lab = screen.getByRole('region', { name: 'Lab' });
    expect(within(lab).getByRole('heading', { level: 3 }).textContent).toBe('lab key');
    expect(fake.calls).toContain('keys.listAll');
    expect(document.body.innerHTML).not.toContain(VALUE);

    // One click from an instance's heading to acting on its keys.
    fireEvent.click(within(lab).getByRole('button', { name: 'Manage keys of Lab' }));
    await waitFor(() => {
      expect(keyNames()).toEqual(['lab key']);
    });
    expect(screen.getByRole('tab', { name: 'Keys' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Lab', { selector: 'strong' })).toBeTruthy();
  });
});
