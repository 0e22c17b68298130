// @vitest-environment jsdom
// A bulk rotation shows each key's delivery to its targets and each check, as the wizard does.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { TEST_PASSWORD } from '../../testing/show-app.js';
import { createTestDelivery } from '../../testing/test-delivery.js';
import { OLD_VALUE, renderWith, seeded } from '../../testing/show-rotation.js';

afterEach(cleanup);

describe('BulkRotationDialog with delivery targets', () => {
  it("shows each key's delivery and check in the run", async () => {
    const world = createTestDelivery();
    const { files } = world;
    files.put('/srv/chat/.env', `FLOWISE_API_KEY=${OLD_VALUE}\n`);
    const app = await seeded({ delivery: world.ports });
    await app.fake.api.delivery.add({
      instanceId: app.instanceId,
      keyId: app.keyId,
      password: TEST_PASSWORD,
      draft: {
        label: 'chat app',
        target: { kind: 'env-file', path: '/srv/chat/.env', name: 'FLOWISE_API_KEY' },
      },
    });
    renderWith(app);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate several keys' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate several keys' });
    fireEvent.click(
      await within(dialog).findByRole('radio', { name: 'The key of one name on each instance' }),
    );
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Key name' }), {
      target: { value: 'deploy' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Find the keys' }));
    await within(dialog).findByRole('region', { name: 'Keys to rotate' });
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'I understand that apps calling these flows with an old key will be refused',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate 1 key' }));

    const delivery = await within(dialog).findByRole(
      'region',
      { name: 'Delivery of deploy on Prod' },
      { timeout: 10_000 },
    );
    expect(within(delivery).getByRole('listitem', { name: 'chat app' }).textContent).toContain(
      'received the new key. FLOWISE_API_KEY in /srv/chat/.env: updated.',
    );
    expect(files.text('/srv/chat/.env')).not.toContain(OLD_VALUE);
  });
});
