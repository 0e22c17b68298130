// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { renderWith, seeded } from '../../testing/show-rotation.js';

afterEach(cleanup);

describe('BatchGraceNotice', () => {
  it('finishes a bulk rotation left in grace, after naming the old keys', async () => {
    const app = await seeded();
    const spare = app.fake.server.addKey(
      'spare',
      ['chatflows:view'],
      'fkv-spare-VALUE-0123456789abcd',
    );
    const started = await app.fake.api.rotation.startMany({
      keys: [
        { instanceId: app.instanceId, keyId: app.keyId },
        { instanceId: app.instanceId, keyId: spare.id },
      ],
    });
    const { rotationState } = renderWith(app);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
    const notice = await screen.findByRole('region', {
      name: `Bulk rotation ${started.batchId}`,
    });
    expect(notice.textContent).toContain('2 old keys still work');
    fireEvent.click(within(notice).getByRole('button', { name: /^Revoke the old keys/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the old keys?' });
    const names = within(dialog).getByRole('list', { name: 'Old keys to revoke' }).textContent;
    expect(names).toContain('deploy on Prod');
    expect(names).toContain('spare on Prod');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke old keys' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(rotationState().rotations?.map((r) => r.status)).toEqual(['done', 'done']);
    expect(screen.queryByRole('region', { name: /^Bulk rotation/ })).toBeNull();
  });

  it('says nothing when no bulk rotation waits', async () => {
    const app = await seeded();
    await app.fake.api.rotation.start({ instanceId: app.instanceId, keyId: app.keyId });
    renderWith(app);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
    await screen.findByRole('list', { name: 'Rotations' });
    expect(screen.queryByRole('region', { name: /^Bulk rotation/ })).toBeNull();
  });
});
