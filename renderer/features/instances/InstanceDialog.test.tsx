// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import type { InstancePatch, InstanceReauth } from '../../../common/ipc/schemas/instances.js';
import { ALL_KEY_PERMISSIONS } from '../../testing/memory-flowise.js';
import type { showApp } from '../../testing/show-app.js';
import { showInstances, TEST_PASSWORD } from '../../testing/show-app.js';
import type { TestCoreInit } from '../../testing/test-core.js';

const KEY = 'fkv-admin-key-SECRET-0123456789abcdef';
const NEW_KEY = 'fkv-admin-key-REPLACED-9876543210';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const PROD = { name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: KEY };

afterEach(cleanup);

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** The add dialog, with a Flowise at PROD's address whose admin key is KEY. */
async function openAdd(init: TestCoreInit = {}) {
  const shown = await showInstances(init);
  shown.fake.flowise.server(PROD.baseUrl).adminKey.apiKey = KEY;
  fireEvent.click(screen.getByRole('button', { name: 'Add instance' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add instance' });
  return { ...shown, dialog };
}

async function openEdit(init: TestCoreInit = { instances: [PROD] }) {
  const shown = await showInstances(init);
  fireEvent.click(await screen.findByRole('button', { name: 'Edit Prod' }));
  const dialog = await screen.findByRole('dialog', { name: 'Edit Prod' });
  return { ...shown, dialog };
}

const click = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};

describe('the add instance dialog', () => {
  it('tests the draft, saves, and keeps the key out of the store and the page', async () => {
    const { fake, dialog, instancesState } = await openAdd();
    fill('Name', 'Prod');
    fill('Base URL', 'https://prod.example.com/');
    fill('Admin API key', KEY);
    fill('Request timeout (seconds)', '30');
    fill('Colour', '#aa3355');

    click('Test connection');
    const status = within(dialog).getByRole('status');
    expect(await within(status).findByText('Connection works.')).toBeTruthy();
    expect(status.textContent).toContain(
      'Flowise 3.1.4, open source. This key holds 72 permissions',
    );
    const held = within(dialog).getByRole('list', { name: 'Permissions of the key' });
    expect(
      within(held)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toContain('API Keys: view, create, update, delete');
    expect(fake.calls).toContain('instances.testDraft');

    click('Save');
    await screen.findByRole('heading', { level: 2, name: 'Prod' });
    expect(screen.queryByRole('dialog')).toBeNull();
    const saved = instancesState().instances?.[0];
    expect(saved).toMatchObject({
      baseUrl: PROD.baseUrl,
      timeoutMs: 30_000,
      colour: '#aa3355',
      adminKeyMasked: '••••cdef',
    });
    expect(await fake.adminKeyOf(saved?.id ?? '')).toBe(KEY);
    expect(JSON.stringify(instancesState())).not.toContain(KEY);
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(screen.getByText('Prod saved.')).toBeTruthy();
  });

  it('explains what is wrong before sending anything, and focuses it', async () => {
    const { fake } = await openAdd();
    click('Save');
    expect(screen.getByText('Enter a name of 1 to 80 characters.')).toBeTruthy();
    expect(screen.getByText(/Enter the server's address/)).toBeTruthy();
    expect(screen.getByText(/Paste an admin API key/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));

    fill('Name', 'Lab');
    fill('Base URL', 'http://10.0.0.5:3000');
    fill('Admin API key', 'short');
    fill('Custom CA certificate (optional)', 'not a certificate');
    fill('Request timeout (seconds)', '500');
    click('Test connection');
    expect(screen.getByText(/Plain http would send the admin key unencrypted/)).toBeTruthy();
    expect(screen.getByText(/Paste a PEM certificate/)).toBeTruthy();
    expect(screen.getByText('Enter a whole number of seconds from 1 to 120.')).toBeTruthy();
    expect(fake.calls.filter((c) => c.startsWith('instances.test'))).toEqual([]);

    fireEvent.click(screen.getByRole('switch', { name: 'Allow plain HTTP' }));
    expect(screen.getByText(/crosses the network unencrypted/)).toBeTruthy();
    expect(screen.queryByText(/Plain http would send/)).toBeNull();
    fill('Base URL', 'ftp://lab');
    expect(screen.getByText(/Enter an http:\/\/ or https:\/\/ address/)).toBeTruthy();
  });

  it('explains a refused key, a web page, and an untrusted certificate', async () => {
    const { fake } = await openAdd();
    fill('Name', 'Prod');
    fill('Base URL', 'https://prod.example.com');
    fill('Admin API key', KEY);

    const server = fake.flowise.server(PROD.baseUrl);
    server.adminKey.apiKey = 'fkv-another-admin-key-0123456789';
    click('Test connection');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('did not accept the API key');
    expect(alert.textContent).toContain('The server answered 401');

    server.adminKey.apiKey = KEY;
    server.fault({ path: /.*/, html: true });
    click('Test connection');
    expect((await screen.findByText(/answered with a web page \(HTML\)/)).isConnected).toBe(true);

    fake.flowise.server('https://prod.example.com').certificate = {
      sha256: Array.from({ length: 32 }, () => 'AB').join(':'),
      subject: 'CN=prod.example.com',
      issuer: 'CN=prod.example.com',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
    };
    click('Test connection');
    await screen.findByText(/paste its CA certificate/);
    fireEvent.click(screen.getByRole('button', { name: 'Go to CA certificate' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Custom CA certificate (optional)'));
    expect(screen.queryByRole('switch', { name: /self-signed/ })).toBeNull();
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it('shows a refusal from main in an alert and asks for the key again', async () => {
    const { fake, dialog } = await openAdd();
    fill('Name', 'Prod');
    fill('Base URL', 'https://prod.example.com');
    fill('Admin API key', KEY);
    fake.failNext('instances.add', new AppError('conflict', 'The vault changed meanwhile.'));
    click('Save');
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'The vault changed meanwhile.Type the admin API key again to retry.',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Admin API key').value).toBe('');
    expect(JSON.stringify(await fake.api.instances.list())).not.toContain(KEY);
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it('drops the dialog and what was typed when the vault locks', async () => {
    const { fake } = await openAdd();
    fill('Admin API key', KEY);
    act(() => {
      fake.lockFromMain('idle');
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Unlock your vault' })).toBeTruthy();
  });
});

describe('the edit instance dialog', () => {
  function recordPatches(fake: Awaited<ReturnType<typeof showApp>>['fake']): InstancePatch[] {
    const patches: InstancePatch[] = [];
    const update = fake.api.instances.update;
    Object.assign(fake.api.instances, {
      update: (id: string, patch: InstancePatch, reauth?: InstanceReauth) => {
        patches.push(patch);
        return update(id, patch, reauth);
      },
    });
    return patches;
  }

  it('keeps the saved key unless a new one is typed', async () => {
    const { fake, instancesState } = await openEdit();
    const patches = recordPatches(fake);
    const key = screen.getByLabelText<HTMLInputElement>('Admin API key');
    expect(key.placeholder).toBe('unchanged');
    expect(screen.getByText(/Unchanged \(••••cdef\)/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Base URL').value).toBe(PROD.baseUrl);

    fill('Name', 'Production');
    click('Save');
    await screen.findByRole('heading', { level: 2, name: 'Production' });
    expect(patches).toEqual([{ name: 'Production' }]);
    const id = instancesState().instances?.[0]?.id ?? '';
    expect(await fake.adminKeyOf(id)).toBe(KEY);

    fireEvent.click(screen.getByRole('button', { name: 'Edit Production' }));
    await screen.findByRole('dialog', { name: 'Edit Production' });
    fill('Admin API key', NEW_KEY);
    fill('Custom CA certificate (optional)', PEM);
    click('Save');
    // The server refuses the new key: Save tested it and asks first.
    expect(
      await screen.findByText(/Reachable, but the key was refused\..*Save anyway\?/),
    ).toBeTruthy();
    expect(patches).toHaveLength(1);
    click('Save anyway');
    await screen.findByText('Production saved.');
    expect(patches[1]).toEqual({ adminKey: NEW_KEY, caCertPem: PEM });
    expect(await fake.adminKeyOf(id)).toBe(NEW_KEY);
    expect(instancesState().instances?.[0]?.hasCustomCa).toBe(true);
    expect(JSON.stringify(instancesState())).not.toContain(NEW_KEY);
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
  });

  it('names the permissions the app needs that the tested key lacks', async () => {
    const { fake, dialog } = await openAdd();
    const admin = fake.flowise.server(PROD.baseUrl).adminKey;
    admin.permissions = ALL_KEY_PERMISSIONS.filter((p) => p !== 'apikeys:delete');
    fill('Name', 'Prod');
    fill('Base URL', PROD.baseUrl);
    fill('Admin API key', KEY);
    click('Test connection');
    const status = within(dialog).getByRole('status');
    expect(await within(status).findByText('Connection works.')).toBeTruthy();
    expect(within(dialog).getByTestId('admin-key-missing').textContent).toBe(
      'The admin key lacks apikeys:delete, which this app needs to manage the server.',
    );
  });

  it('tests the saved profile when nothing about the connection changed', async () => {
    const { fake, dialog } = await openEdit();
    fill('Name', 'Renamed only');
    click('Test connection');
    await within(dialog).findByText('Connection works.');
    expect(fake.calls).toContain('instances.testEdit');
    expect(fake.calls).not.toContain('instances.testDraft');
  });

  it('an edited address is tested with the saved key only after the master password; a typed key goes as typed', async () => {
    const { fake, dialog } = await openEdit();
    // The other address answers to the saved key, and to the one typed later.
    const other = fake.flowise.server('https://other.example.com');
    other.adminKey.apiKey = KEY;
    other.addKey('typed admin', ALL_KEY_PERMISSIONS, NEW_KEY);
    fill('Base URL', 'https://other.example.com');
    expect(
      screen.getByText(/sent there only after you type it again or enter the master/),
    ).toBeTruthy();
    click('Test connection');
    const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
    expect(ask.textContent).toContain('address changed');
    fireEvent.change(within(ask).getByLabelText('Master password'), {
      target: { value: 'not the password' },
    });
    fireEvent.click(within(ask).getByRole('button', { name: 'Test connection' }));
    expect((await within(ask).findByRole('alert')).textContent).toMatch(/does not open/);
    fireEvent.change(within(ask).getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(within(ask).getByRole('button', { name: 'Test connection' }));
    await within(dialog).findByText('Connection works.');
    expect(screen.queryByRole('dialog', { name: 'Enter the master password' })).toBeNull();

    fill('Admin API key', NEW_KEY);
    click('Test connection');
    await within(dialog).findByText('Connection works.');
    expect(screen.queryByRole('dialog', { name: 'Enter the master password' })).toBeNull();
    expect(fake.calls.filter((c) => c === 'instances.testEdit')).toHaveLength(4);
    expect(fake.calls).not.toContain('instances.testDraft');
    expect(other.log.map((r) => r.bearer)).toContain(NEW_KEY);
    expect(document.body.innerHTML).not.toContain(TEST_PASSWORD);
  });

  it('removes a saved CA certificate only when asked', async () => {
    const { fake, instancesState } = await openEdit({ instances: [{ ...PROD, caCertPem: PEM }] });
    const patches = recordPatches(fake);
    expect(screen.getByText(/A CA certificate is saved/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Remove the saved CA certificate'));
    click('Save');
    const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
    fireEvent.change(within(ask).getByLabelText('Master password'), {
      target: { value: TEST_PASSWORD },
    });
    fireEvent.click(within(ask).getByRole('button', { name: 'Save' }));
    await screen.findByText('Prod saved.');
    expect(patches).toEqual([{ caCertPem: null }, { caCertPem: null }]);
    expect(instancesState().instances?.[0]?.hasCustomCa).toBe(false);
  });
});
