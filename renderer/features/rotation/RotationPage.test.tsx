// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { ResumeRotationsNotice } from './ResumeRotationsNotice.js';
import { renderWith, seeded, showRotation } from '../../testing/show-rotation.js';
import type { Seeded } from '../../testing/show-rotation.js';

afterEach(cleanup);

/** One finished rotation (of "old"), then one that failed at rebind (of "deploy"). */
async function history({ fake, instanceId, keyId }: Seeded): Promise<RotationView> {
  const old = fake.server.addKey('old', ['chatflows:view'], 'fkv-other-key-VALUE-0123456789abcdef');
  const done = await fake.api.rotation.start({ instanceId, keyId: old.id });
  await fake.api.rotation.revoke({ rotationId: done.id });
  // Each of the three flows' rebind is refused once.
  fake.server.fault({ method: 'PUT', path: /^\/chatflows\//, status: 500, times: 3 });
  return fake.api.rotation.start({ instanceId, keyId });
}

describe('RotationPage', () => {
  it('says there are none yet, and offers to rotate a key of the active instance', async () => {
    await showRotation();
    expect((await screen.findByRole('heading', { name: 'No rotations yet' })).textContent).toBe(
      'No rotations yet',
    );
    expect(screen.getByRole('main').textContent).toContain('Replace a key of Prod');
  });

  it('lists unfinished rotations first with Resume, finished ones with their outcome', async () => {
    await showRotation(async (app) => {
      await history(app);
    });
    const list = await screen.findByRole('list', { name: 'Rotations' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => within(r).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'deploy',
      'old',
    ]);
    expect(rows[0]?.textContent).toContain('Stopped by an error');
    expect(rows[0]?.textContent).toContain(
      'Move the flows to the new key: 3 flows failed: "Support bot", "Sales bot", "FAQ".',
    );
    expect(rows[1]?.textContent).toContain('Done: old key revoked');

    // A failed rotation opens on its error, with its ways out.
    fireEvent.click(within(list).getByRole('button', { name: 'Resume (rotation of deploy)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    expect(within(dialog).getByRole('alert').textContent).toContain('(HTTP 500)');
    expect(within(dialog).getByRole('button', { name: 'Roll back' })).toBeTruthy();
  });

  it('follows the progress events of the rotation it shows', async () => {
    let failed: RotationView | undefined;
    const { fake } = await showRotation(async (app) => {
      failed = await history(app);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Resume (rotation of deploy)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    if (failed === undefined) throw new Error('No rotation was seeded.');
    const rest: RotationView = { ...failed };
    delete rest.error;
    delete rest.failedStep;
    act(() => {
      fake.emit('rotation.progress', {
        ...rest,
        status: 'running',
        updatedAt: rest.updatedAt + 1,
        steps: rest.steps.map((s) => (s.state === 'failed' ? { ...s, state: 'pending' } : s)),
      });
    });
    expect(within(dialog).getByRole('status').textContent).toBe(
      'In progress: Move the flows to the new key…',
    );
    expect(within(dialog).queryByRole('button', { name: 'Roll back' })).toBeNull();
  });
});

describe('ResumeRotationsNotice', () => {
  it('offers the rotations left unfinished at unlock, resumes one, and can wait', async () => {
    const app = await seeded();
    await history(app);
    renderWith(app, <ResumeRotationsNotice />);
    const notice = await screen.findByRole('region', { name: 'Unfinished rotations' });
    expect(notice.textContent).toContain('1 key rotation did not finish.');
    fireEvent.click(within(notice).getByRole('button', { name: 'Resume rotation of deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    const retry = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Retry' });
    fireEvent.click(retry);
    await within(dialog).findByTestId('rotation-new-key');
    // Still unfinished (it waits in grace), so the notice stays until dismissed.
    fireEvent.click(within(dialog).getByRole('button', { name: 'I have stored it' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close, the rotation is saved' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('region', { name: 'Unfinished rotations' })).toBeNull();
  });

  it('says nothing about rotations started after it appeared', async () => {
    const app = await seeded();
    const { rotationState } = renderWith(app, <ResumeRotationsNotice />);
    await waitFor(() => {
      expect(rotationState().rotations).toEqual([]);
    });
    await act(() => app.fake.api.rotation.start({ instanceId: app.instanceId, keyId: app.keyId }));
    expect(rotationState().rotations).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Unfinished rotations' })).toBeNull();
  });
});
