// @vitest-environment jsdom
// The wizard with delivery targets, on the real core: the plan names them, the grace step shows
// each target's delivery and check, a failed one is retried from there, and revoke is held back
// until everything worked or the person confirms, by name, what failed.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { TargetDraft } from '../../../common/ipc/schemas/delivery.js';
import { TEST_PASSWORD } from '../../testing/show-app.js';
import { createTestDelivery } from '../../testing/test-delivery.js';
import { OLD_VALUE, renderWith, seeded } from '../../testing/show-rotation.js';
import { RotationWizard } from './RotationWizard.js';

afterEach(cleanup);

const ENV = '/srv/chat/.env';

async function withTargets() {
  const world = createTestDelivery();
  const { files } = world;
  files.put(ENV, `FLOWISE_API_KEY=${OLD_VALUE}\n`);
  world.exitCodes.set('probe', 1);
  const app = await seeded({ delivery: world.ports });
  const drafts: TargetDraft[] = [
    { label: 'chat app', target: { kind: 'env-file', path: ENV, name: 'FLOWISE_API_KEY' } },
    {
      label: 'secret store',
      target: {
        kind: 'command',
        run: {
          steps: [{ executable: 'vault', args: ['kv', 'put', 'apps/chat', 'KEY=-'] }],
          key: { via: 'stdin' },
          timeoutSeconds: 30,
        },
        idempotent: true,
      },
      check: {
        kind: 'command',
        run: {
          steps: [{ executable: 'probe', args: [] }],
          key: { via: 'stdin' },
          timeoutSeconds: 5,
        },
      },
    },
  ];
  for (const draft of drafts)
    await app.fake.api.delivery.add({
      instanceId: app.instanceId,
      keyId: app.keyId,
      password: TEST_PASSWORD,
      draft,
    });
  renderWith(
    app,
    <RotationWizard open onClose={() => undefined} instanceId={app.instanceId} keyId={app.keyId} />,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
  return { ...app, files, world, dialog };
}

describe('RotationWizard with delivery targets', () => {
  it('lists the targets on the plan, shows each delivery and check, retries a failed check, then revokes', async () => {
    const { dialog, files, world, fake } = await withTargets();
    const targets = await within(dialog).findByRole('region', { name: 'Delivery targets' });
    expect(targets.textContent).toContain('The new key goes to 2 delivery targets');
    expect(targets.textContent).toContain('.env file /srv/chat/.env, variable FLOWISE_API_KEY');
    expect(targets.textContent).toContain('command: vault kv put apps/chat KEY=-');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Start rotation' }));
    const value = (await within(dialog).findByTestId('rotation-new-key', {}, { timeout: 10_000 }))
      .textContent;
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));

    const results = within(dialog).getByRole('region', { name: 'Delivery to the targets' });
    expect(within(results).getByRole('listitem', { name: 'chat app' }).textContent).toContain(
      'received the new key. FLOWISE_API_KEY in /srv/chat/.env: updated.',
    );
    const store = within(results).getByRole('listitem', { name: 'secret store' });
    expect(store.textContent).toContain('Check: failed (probe exited with code 1.)');
    expect(store.textContent).toContain('stored [new key]');
    expect(files.text(ENV)).toBe(`FLOWISE_API_KEY=${value}\n`);
    expect(document.body.textContent).not.toContain(value);

    // Held back: no plain revoke, only "anyway" after naming what failed.
    expect(within(dialog).getByRole('note', { name: 'Revoke is held back' }).textContent).toContain(
      'the check of "secret store" failed',
    );
    expect(within(dialog).queryByRole('button', { name: 'Revoke old key' })).toBeNull();

    world.exitCodes.set('probe', 0);
    fireEvent.click(within(store).getByRole('button', { name: 'Retry secret store' }));
    await waitFor(() => {
      expect(within(dialog).getByRole('listitem', { name: 'secret store' }).textContent).toContain(
        'Check: passed',
      );
    });
    expect(world.ran).toEqual(['vault', 'probe', 'probe']);
    expect(world.asked).toEqual([
      'deliver secret store',
      'check secret store',
      'check secret store',
    ]);
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I have updated the apps that used the old key',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke old key' }));
    await within(dialog).findByRole('region', { name: 'Summary' });
    const [done] = (await fake.api.rotation.list()).rotations;
    expect(done?.status).toBe('done');
  });

  it('revokes despite a failed check only after a confirmation that names it', async () => {
    const { dialog, fake } = await withTargets();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Start rotation' }));
    await within(dialog).findByTestId('rotation-new-key', {}, { timeout: 10_000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I have updated the apps that used the old key',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke anyway…' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke the old key anyway?' });
    expect(within(confirm).getByRole('list', { name: 'What failed' }).textContent).toBe(
      'the check of "secret store" failed',
    );
    // Not confirmed: nothing happens.
    fireEvent.click(within(confirm).getByRole('button', { name: 'Do not revoke' }));
    expect((await fake.api.rotation.list()).rotations[0]?.status).toBe('waiting');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke anyway…' }));
    const again = await screen.findByRole('dialog', { name: 'Revoke the old key anyway?' });
    fireEvent.click(within(again).getByRole('button', { name: 'Revoke anyway' }));
    await within(dialog).findByRole('region', { name: 'Summary' });
    const audit = fake.core.audit.list({ action: 'rotation.step' }).records.map((r) => r.detail);
    expect(audit).toContain(
      'revoke: revoked although the check of "secret store" failed, as confirmed',
    );
  });

  it('rolls back: the .env file gets its old version back before the flows move', async () => {
    const { dialog, files } = await withTargets();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Start rotation' }));
    await within(dialog).findByTestId('rotation-new-key', {}, { timeout: 10_000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    const confirm = await screen.findByRole('dialog', { name: 'Roll back this rotation?' });
    expect(confirm.textContent).toContain('a .env file from its backup');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Move the flows back' }));
    await waitFor(() => {
      expect(files.text(ENV)).toBe(`FLOWISE_API_KEY=${OLD_VALUE}\n`);
    });
    const results = await within(dialog).findByRole('region', { name: 'Delivery to the targets' });
    await waitFor(() => {
      expect(within(results).getByRole('listitem', { name: 'chat app' }).textContent).toContain(
        'put back as it was',
      );
    });
  });
});
