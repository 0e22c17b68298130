// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showInstances } from '../../testing/show-app.js';
import type { TestCoreInit } from '../../testing/test-core.js';

const KEY = 'fkv-admin-key-SECRET-0123456789abcdef';
const PROD = { name: 'Prod', baseUrl: 'https://prod.example.com', adminKey: KEY };
const LAB = { name: 'Lab', baseUrl: 'https://lab.example.com', adminKey: `${KEY}-lab` };
const REACHABLE = 'Reachable: Flowise 3.1.4, open source, key “admin” valid';

afterEach(cleanup);

const fill = (label: string, value: string): void => {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
};
const click = (name: string): void => {
  fireEvent.click(screen.getByRole('button', { name }));
};
const row = (name: string): HTMLElement => {
  const item = screen.getByRole('heading', { level: 2, name }).closest('li');
  if (item === null) throw new Error(`No row for ${name}`);
  return item;
};
const statusOfRow = (name: string): string => within(row(name)).getByRole('status').textContent;

/** The add dialog filled in for PROD, whose Flowise accepts KEY. */
async function addProd(init: TestCoreInit = {}) {
  const shown = await showInstances(init);
  shown.fake.flowise.server(PROD.baseUrl).adminKey.apiKey = KEY;
  fireEvent.click(screen.getByRole('button', { name: 'Add instance' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add instance' });
  fill('Name', PROD.name);
  fill('Base URL', PROD.baseUrl);
  fill('Admin API key', KEY);
  return { ...shown, dialog };
}

describe('saving an instance', () => {
  it('tests an unreachable server on Save and asks "Save anyway?", naming the failure', async () => {
    const { fake, dialog, instancesState } = await addProd();
    fake.flowise.server(PROD.baseUrl).down = true;
    click('Save');
    const ask = await within(dialog).findByText(/Save anyway\?/);
    expect(ask.textContent).toContain(
      'The connection test failed: Unreachable: connection failed.',
    );
    expect(ask.textContent).toContain('prod.example.com refused the connection');
    expect(fake.calls).toContain('instances.testDraft');
    expect(fake.calls).not.toContain('instances.add');
    expect(instancesState().instances).toEqual([]);

    click('Save anyway');
    await screen.findByRole('heading', { level: 2, name: 'Prod' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(statusOfRow('Prod')).toBe('Unreachable: connection failed');
  });

  it('shows a passing test from the dialog on the card at once, not "Not tested"', async () => {
    const { dialog } = await addProd();
    click('Test connection');
    expect(await within(dialog).findByText('Connection works.')).toBeTruthy();
    click('Save');
    await screen.findByRole('heading', { level: 2, name: 'Prod' });
    expect(statusOfRow('Prod')).toBe(REACHABLE);
  });

  it('tests on Save when the dialog was not tested, and saves a working server without asking', async () => {
    const { fake } = await addProd();
    click('Save');
    await screen.findByRole('heading', { level: 2, name: 'Prod' });
    expect(fake.calls.filter((c) => c === 'instances.testDraft')).toHaveLength(1);
    expect(statusOfRow('Prod')).toBe(REACHABLE);
  });

  it('makes a new working instance active while the active one failed its last test, and says so', async () => {
    const { fake } = await addProd({ instances: [LAB] });
    fake.flowise.server(LAB.baseUrl).down = true;
    click('Cancel');
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection to Lab' }));
    await waitFor(() => {
      expect(statusOfRow('Lab')).toBe('Unreachable: connection failed');
    });
    expect(within(row('Lab')).getByText('Active')).toBeTruthy();

    click('Add instance');
    await screen.findByRole('dialog', { name: 'Add instance' });
    fill('Name', PROD.name);
    fill('Base URL', PROD.baseUrl);
    fill('Admin API key', KEY);
    click('Save');
    await screen.findByRole('heading', { level: 2, name: 'Prod' });
    await waitFor(() => {
      expect(within(row('Prod')).queryByText('Active')).toBeTruthy();
    });
    expect(within(row('Lab')).queryByText('Active')).toBeNull();
    const said = screen.getByText(
      'Prod saved and made the active instance, since Lab failed its last connection test.',
    );
    // Said on screen too, not only to screen readers: the active instance changed under the user.
    expect(said.className).not.toContain('visually-hidden');
  });

  it('leaves the active instance alone when it works', async () => {
    await addProd({ instances: [LAB] });
    click('Save');
    await screen.findByRole('heading', { level: 2, name: 'Prod' });
    expect(within(row('Lab')).getByText('Active')).toBeTruthy();
    expect(within(row('Prod')).queryByText('Active')).toBeNull();
    expect(screen.getByText('Prod saved.')).toBeTruthy();
  });
});
