// @vitest-environment jsdom
// The dialog's connection test on the real core: an address pasted with /api/v1 is tested at the
// server's root, and the dialog says what was removed.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showInstances } from '../../testing/show-app.js';

afterEach(cleanup);

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('the instance dialog and the address', () => {
  it('says when the address was shortened to the server root', async () => {
    const { fake } = await showInstances();
    fireEvent.click(screen.getByRole('button', { name: 'Add instance' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add instance' });
    const root = fake.server.url;
    fill('Name', 'Pasted');
    fill('Base URL', `${root}/api/v1`);
    fill('Admin API key', fake.server.adminKey.apiKey);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    const status = within(dialog).getByRole('status');
    expect(await within(status).findByText('Connection works.')).toBeTruthy();
    expect(
      within(status).getByText(
        `The /api/v1 at the end was removed: the address is the server's root, ${root}.`,
      ),
    ).toBeTruthy();
  });
});
