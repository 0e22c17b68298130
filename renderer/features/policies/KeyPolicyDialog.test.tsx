// @vitest-environment jsdom
// A key's rotation policy from its row on the Keys page: its own maximum age, saved through
// policies.set on the real core, or removed so the instance's policy applies.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-policy-key-VALUE-0123456789wxyz';

async function openPolicy() {
  let keyId = '';
  const app = await showKeys(({ server }) => {
    keyId = server.addKey('deploy', undefined, VALUE).id;
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Rotation policy of deploy' }));
  const dialog = await screen.findByRole('dialog', { name: 'Rotation policy of deploy' });
  const field = within(dialog).getByLabelText<HTMLInputElement>('Maximum key age (days)');
  return { ...app, keyId, dialog, field };
}

describe("a key's rotation policy", () => {
  it('saves a maximum age for the key, shown again when the dialog opens', async () => {
    const { fake, instanceId, keyId, dialog, field } = await openPolicy();
    expect(field.value).toBe('');
    fireEvent.change(field, { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(await screen.findByText('deploy is due for rotation after 30 days.')).toBeTruthy();
    const list = await fake.api.policies.list();
    expect(list.keys).toEqual([{ instanceId, keyId, maxAgeDays: 30 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Rotation policy of deploy' }));
    const again = await screen.findByRole('dialog', { name: 'Rotation policy of deploy' });
    expect(within(again).getByLabelText<HTMLInputElement>('Maximum key age (days)').value).toBe(
      '30',
    );
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('explains a wrong number, focuses it, and sends nothing', async () => {
    const { fake, dialog, field } = await openPolicy();
    fireEvent.change(field, { target: { value: '-1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('Enter a whole number of days from 0 to 3650, or leave it empty.'),
    ).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(fake.calls).not.toContain('policies.set');
  });

  it('removes the key\'s own policy with "Use the instance\'s policy"', async () => {
    const { fake, instanceId, server } = await showKeys(({ server }) => {
      server.addKey('deploy', undefined, VALUE);
    });
    const keyId = server.keyNamed('deploy')?.id ?? '';
    await screen.findByRole('button', { name: 'Rotation policy of deploy' });
    await fake.api.policies.set({ scope: { kind: 'key', instanceId, keyId }, maxAgeDays: 7 });
    fireEvent.click(screen.getByRole('button', { name: 'Rotation policy of deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotation policy of deploy' });
    await waitFor(() => {
      expect(within(dialog).getByLabelText<HTMLInputElement>('Maximum key age (days)').value).toBe(
        '7',
      );
    });
    fireEvent.click(within(dialog).getByRole('button', { name: "Use the instance's policy" }));
    expect(await screen.findByText("deploy follows the instance's rotation policy.")).toBeTruthy();
    const list = await fake.api.policies.list();
    expect(list.keys).toEqual([]);
  });
});
