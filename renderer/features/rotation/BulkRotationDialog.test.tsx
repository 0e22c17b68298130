// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { createTestCore } from '../../testing/test-core.js';
import { renderWith } from '../../testing/show-rotation.js';

afterEach(cleanup);

const OLD_VALUES = ['fkv-prod-deploy-VALUE-0123456789', 'fkv-stage-deploy-VALUE-0123456789'];

/** Two instances, each with a key "deploy" bound to flows, and Prod with one more key. */
async function showBulk() {
  const fake = await createTestCore({
    instances: [{ name: 'Prod' }, { name: 'Staging', baseUrl: 'http://127.0.0.1:3001' }],
  });
  const [prod = '', staging = ''] = fake.instances.map((i) => i.id);
  const prodServer = await fake.serverOf(prod);
  const stagingServer = await fake.serverOf(staging);
  const prodKey = prodServer.addKey('deploy', ['chatflows:view'], OLD_VALUES[0] ?? '');
  for (const name of ['Support bot', 'FAQ'])
    prodServer.addChatflow(name, { apikeyid: prodKey.id, type: 'CHATFLOW' });
  prodServer.addKey('ci', ['chatflows:view'], 'fkv-prod-ci-VALUE-0123456789abcdef');
  const stagingKey = stagingServer.addKey('deploy', ['chatflows:view'], OLD_VALUES[1] ?? '');
  stagingServer.addChatflow('Staging bot', { apikeyid: stagingKey.id, type: 'CHATFLOW' });
  const app = renderWith({ fake, instanceId: prod, keyId: prodKey.id });
  fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Rotate several keys' }));
  const dialog = await screen.findByRole('dialog', { name: 'Rotate several keys' });
  return { ...app, dialog, staging };
}

async function chooseSameName(dialog: HTMLElement) {
  fireEvent.click(
    await within(dialog).findByRole('radio', { name: 'The key of one name on each instance' }),
  );
  fireEvent.change(within(dialog).getByRole('combobox', { name: 'Key name' }), {
    target: { value: 'deploy' },
  });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Find the keys' }));
  const review = await within(dialog).findByRole('region', { name: 'Keys to rotate' });
  return review;
}

function startAll(dialog: HTMLElement, count: string) {
  const start = within(dialog).getByRole<HTMLButtonElement>('button', { name: `Rotate ${count}` });
  expect(start.disabled).toBe(true);
  fireEvent.click(
    within(dialog).getByRole('checkbox', {
      name: 'I understand that apps calling these flows with an old key will be refused',
    }),
  );
  fireEvent.click(start);
}

/** Shows the next new key, stores it, and returns its value as shown. */
async function revealNext(dialog: HTMLElement): Promise<string> {
  const value = (await within(dialog).findByTestId('rotation-new-key')).textContent;
  fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
  return value;
}

describe('BulkRotationDialog', () => {
  it('rotates the key of one name on two instances, one reveal at a time, then revokes all', async () => {
    const { dialog, fake, rotationState } = await showBulk();
    const review = await chooseSameName(dialog);
    const rows = within(review).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['deployProd2Yes', 'deployStaging1Yes']);
    expect(within(review).getByRole('alert').textContent).toContain('refused');
    startAll(dialog, '2 keys');

    const list = await within(dialog).findByRole('list', { name: 'Keys in this bulk rotation' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(
      (await within(dialog).findByRole('heading', { name: /^New key 1 of 2/ })).textContent,
    ).toContain('deploy');
    const first = await revealNext(dialog);
    await within(dialog).findByRole('heading', { name: /^New key 2 of 2/ });
    const second = await revealNext(dialog);
    expect(first).not.toBe(second);

    const revoke = await within(dialog).findByRole<HTMLButtonElement>('button', {
      name: 'Revoke all old keys',
    });
    expect(revoke.disabled).toBe(true);
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I have updated the apps that used the old keys',
      }),
    );
    fireEvent.click(revoke);
    const summary = await within(dialog).findByRole('region', { name: 'Summary' });
    expect(summary.textContent).toContain('2 keys rotated, old key revoked');
    expect(summary.textContent).toContain('0 keys not started');
    expect(fake.calls.filter((c) => c === 'rotation.revokeMany')).toHaveLength(1);

    // Neither the store nor the page keeps a new key (or a ticket) once the dialog is closed.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    const kept = JSON.stringify(rotationState().rotations);
    for (const value of [first, second, ...OLD_VALUES]) {
      expect(document.body.textContent).not.toContain(value);
      expect(kept).not.toContain(value);
    }
    expect(kept).not.toContain('ticket');
    expect(rotationState().rotations?.every((r) => r.batchId !== undefined)).toBe(true);
  });

  it('shows an unreachable instance as its own item and a failed key with Retry and Roll back', async () => {
    const { dialog, fake, staging, instanceId: prod } = await showBulk();
    (await fake.serverOf(staging)).down = true;
    const review = await chooseSameName(dialog);
    const rows = within(review).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'deployProd2Yes',
      '—Staging—127.0.0.1:3001 refused the connection. Is Flowise running there?',
    ]);
    (await fake.serverOf(prod)).fault({
      method: 'PUT',
      path: /^\/chatflows\//,
      status: 500,
      times: 2,
    });
    startAll(dialog, '1 key');

    const row = await within(dialog).findByRole('listitem', { name: 'deploy on Prod' });
    await within(row).findByText(/2 flows failed: "Support bot", "FAQ"/);
    expect(within(row).getByRole('button', { name: 'Roll back deploy on Prod' })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Retry deploy on Prod' }));
    const value = await revealNext(dialog);
    expect(value).not.toBe(OLD_VALUES[0]);
    await within(dialog).findByRole('button', { name: 'Revoke all old keys' });
  });

  it('asks for a whole number of days and every instance by default', async () => {
    const { dialog } = await showBulk();
    const days = await within(dialog).findByRole('spinbutton', { name: 'Older than (days)' });
    const instances = within(dialog).getByRole('group', { name: 'On which instances' });
    expect(
      within(instances)
        .getAllByRole<HTMLInputElement>('checkbox')
        .map((c) => c.checked),
    ).toEqual([true, true]);
    fireEvent.change(days, { target: { value: '-3' } });
    expect(within(dialog).getByText(/A whole number of days/)).toBeTruthy();
    const find = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Find the keys' });
    expect(find.disabled).toBe(true);
    fireEvent.change(days, { target: { value: '0' } });
    fireEvent.click(find);
    const review = await within(dialog).findByRole('region', { name: 'Keys to rotate' });
    expect(within(review).getAllByRole('row')).toHaveLength(4);
  });
});
