// @vitest-environment jsdom
// The instance's rotation policy on its edit form: "Maximum key age (days)", saved with the form
// through policies.set on the real core; empty leaves Settings' limit in charge.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { InstancePatch } from '../../../common/ipc/schemas/instances.js';
import { showInstances } from '../../testing/show-app.js';

afterEach(cleanup);

const PROD = {
  name: 'Prod',
  baseUrl: 'https://prod.example.com',
  adminKey: 'fkv-admin-key-SECRET-0123456789abcdef',
};

async function openEdit() {
  const shown = await showInstances({ instances: [PROD] });
  const patches: InstancePatch[] = [];
  const update = shown.fake.api.instances.update.bind(shown.fake.api.instances);
  Object.assign(shown.fake.api.instances, {
    update: (...args: Parameters<typeof update>) => {
      patches.push(args[1]);
      return update(...args);
    },
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Edit Prod' }));
  const dialog = await screen.findByRole('dialog', { name: 'Edit Prod' });
  const field = within(dialog).getByLabelText<HTMLInputElement>('Maximum key age (days)');
  const instanceId = shown.instancesState().instances?.[0]?.id ?? '';
  return { ...shown, dialog, field, patches, instanceId };
}

describe("the instance's rotation policy", () => {
  it('saves a maximum age with Save, without touching the connection, and shows it again', async () => {
    const { fake, dialog, field, patches, instanceId } = await openEdit();
    expect(field.value).toBe('');
    fireEvent.change(field, { target: { value: '90' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Prod saved.');
    expect((await fake.api.policies.list()).instances).toEqual([{ instanceId, maxAgeDays: 90 }]);
    expect(patches).toEqual([]);
    expect(fake.calls).not.toContain('instances.testEdit');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Prod' }));
    const again = await screen.findByRole('dialog', { name: 'Edit Prod' });
    expect(within(again).getByLabelText<HTMLInputElement>('Maximum key age (days)').value).toBe(
      '90',
    );
    // Emptied: Settings' limit applies again.
    fireEvent.change(within(again).getByLabelText('Maximum key age (days)'), {
      target: { value: '' },
    });
    fireEvent.click(within(again).getByRole('button', { name: 'Save' }));
    await screen.findByText('Prod saved.');
    expect((await fake.api.policies.list()).instances).toEqual([]);
  });

  it('explains a wrong number and focuses it, saving nothing', async () => {
    const { fake, dialog, field, patches } = await openEdit();
    fireEvent.change(field, { target: { value: '12.5' } });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Production' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('Enter a whole number of days from 0 to 3650, or leave it empty.'),
    ).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await screen.findByRole('dialog', { name: 'Edit Prod' });
    expect(document.activeElement).toBe(field);
    expect(patches).toEqual([]);
    expect(fake.calls).not.toContain('policies.set');
  });

  it('is not offered when adding an instance, which has no id yet', async () => {
    await showInstances();
    fireEvent.click(screen.getByRole('button', { name: 'Add instance' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add instance' });
    expect(within(dialog).queryByLabelText('Maximum key age (days)')).toBeNull();
  });
});
