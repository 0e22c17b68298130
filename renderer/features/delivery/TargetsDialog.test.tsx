// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { TEST_PASSWORD } from '../../testing/show-app.js';
import type { Seeded } from '../../testing/show-rotation.js';
import { renderWith, seeded } from '../../testing/show-rotation.js';
import { TargetsDialog } from './TargetsDialog.js';

afterEach(cleanup);

async function openTargets(prepare: (app: Seeded) => Promise<unknown> = () => Promise.resolve()) {
  const app = await seeded();
  await prepare(app);
  renderWith(
    app,
    <TargetsDialog
      keyRef={{ instanceId: app.instanceId, keyId: app.keyId, label: 'deploy' }}
      onClose={() => undefined}
    />,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Delivery targets of deploy' });
  return { ...app, dialog };
}

const type = (scope: HTMLElement, label: string | RegExp, value: string) => {
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
};

async function savePassword(password = TEST_PASSWORD, button = 'Add target') {
  const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
  type(ask, 'Master password', password);
  fireEvent.click(within(ask).getByRole('button', { name: button }));
}

describe('TargetsDialog', () => {
  it('adds a .env target and a command target with a check, each only with the master password', async () => {
    const { dialog, fake, instanceId, keyId } = await openTargets();
    await within(dialog).findByText(/No target yet/);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a target' }));
    type(dialog, 'Name', 'chat app');
    type(dialog, /^File path/, '/srv/chat/.env');
    fireEvent.click(within(dialog).getByRole('radio', { name: /HTTP request/ }));
    type(dialog, /^Check address/, 'http://127.0.0.1:8080/health');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add target' }));
    // A wrong password keeps the dialog and saves nothing.
    await savePassword('not the password');
    const ask = await screen.findByRole('dialog', { name: 'Enter the master password' });
    await within(ask).findByRole('alert');
    expect((await fake.api.delivery.list({ instanceId, keyId })).targets).toEqual([]);
    await savePassword();
    await within(dialog).findByText('Target "chat app" saved.');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a target' }));
    type(dialog, 'Name', 'secret store');
    fireEvent.click(within(dialog).getByRole('radio', { name: /^A command \(/ }));
    type(dialog, /^Command/, 'vault\nkv\nput\napps/chat\nKEY=-');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Idempotent/ }));
    type(dialog, /^Rollback command/, 'vault\nkv\nrollback\napps/chat');
    fireEvent.click(within(dialog).getByRole('radio', { name: 'In an environment variable' }));
    type(dialog, 'Variable for the key', 'NEW_KEY');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add target' }));
    await savePassword();
    await within(dialog).findByText('Target "secret store" saved.');

    const list = within(dialog).getByRole('list', { name: 'Delivery targets' });
    expect(list.textContent).toContain('FLOWISE_API_KEY in /srv/chat/.env');
    expect(list.textContent).toContain('runs vault (idempotent); no check');
    const { targets } = await fake.api.delivery.list({ instanceId, keyId });
    expect(targets.map(({ label, target, check }) => ({ label, target, check }))).toEqual([
      {
        label: 'chat app',
        target: { kind: 'env-file', path: '/srv/chat/.env', name: 'FLOWISE_API_KEY' },
        check: {
          kind: 'http',
          method: 'GET',
          url: 'http://127.0.0.1:8080/health',
          expectStatus: 200,
        },
      },
      {
        label: 'secret store',
        target: {
          kind: 'command',
          run: {
            steps: [{ executable: 'vault', args: ['kv', 'put', 'apps/chat', 'KEY=-'] }],
            key: { via: 'env', name: 'NEW_KEY' },
            timeoutSeconds: 60,
          },
          idempotent: true,
          rollback: {
            steps: [{ executable: 'vault', args: ['kv', 'rollback', 'apps/chat'] }],
            key: { via: 'env', name: 'NEW_KEY' },
            timeoutSeconds: 60,
          },
        },
        check: undefined,
      },
    ]);
  });

  it('says what each wrong field needs before anything is asked or sent', async () => {
    const { dialog, fake } = await openTargets();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Add a target' }));
    type(dialog, /^File path/, 'relative/.env');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add target' }));
    expect(within(dialog).getByText('Name the target, e.g. "chat app".')).toBeTruthy();
    expect(within(dialog).getByText(/The full path of the file/)).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Enter the master password' })).toBeNull();
    expect(fake.calls.filter((c) => c.startsWith('delivery.add'))).toEqual([]);
  });

  it('edits a target (two programs piped) and removes one after asking', async () => {
    const { dialog, fake, instanceId, keyId } = await openTargets(({ fake, instanceId, keyId }) =>
      fake.api.delivery.add({
        instanceId,
        keyId,
        password: TEST_PASSWORD,
        draft: {
          label: 'cluster',
          target: {
            kind: 'command',
            run: {
              steps: [
                { executable: 'kubectl', args: ['create', 'secret', 'generic', 'app'] },
                { executable: 'kubectl', args: ['apply', '-f', '-'] },
              ],
              key: { via: 'stdin' },
              timeoutSeconds: 30,
            },
            idempotent: true,
          },
        },
      }),
    );
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Edit cluster' }));
    const command = within(dialog).getByLabelText<HTMLTextAreaElement>(/^Command/);
    expect(command.value).toBe('kubectl\ncreate\nsecret\ngeneric\napp\n|\nkubectl\napply\n-f\n-');
    type(dialog, 'Name', 'cluster secret');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save target' }));
    await savePassword(TEST_PASSWORD, 'Save target');
    await within(dialog).findByText('Target "cluster secret" saved.');
    const [saved] = (await fake.api.delivery.list({ instanceId, keyId })).targets;
    expect(saved?.target).toMatchObject({ run: { steps: [{}, { executable: 'kubectl' }] } });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove cluster secret' }));
    expect(within(dialog).getByRole('group', { name: 'Remove "cluster secret"' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove target' }));
    await within(dialog).findByText('Target "cluster secret" removed.');
    expect((await fake.api.delivery.list({ instanceId, keyId })).targets).toEqual([]);
  });
});
