// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { renderWith, seeded } from '../../testing/show-rotation.js';

afterEach(cleanup);

/** A bulk rotation of two keys on one instance ("deploy" and "spare"), left in grace. */
async function batchOfTwo() {
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
  return { app, spare, started };
}

describe('BatchGraceNotice', () => {
  it('finishes a bulk rotation left in grace, after naming the old keys', async () => {
    const { app, started } = await batchOfTwo();
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
    confirmAppsUpdated(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke old keys' }));
    const summary = await within(dialog).findByRole('region', { name: 'Revoke summary' });
    expect(summary.textContent).toContain('2 old keys revoked.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(rotationState().rotations?.map((r) => r.status)).toEqual(['done', 'done']);
    expect(screen.queryByRole('region', { name: /^Bulk rotation/ })).toBeNull();
  });

  it('revokes nothing until the apps are said to be updated, as the single wizard asks', async () => {
    const { app, started } = await batchOfTwo();
    renderWith(app);
    const dialog = await openRevokeDialog(started.batchId);
    const revoke = within(dialog).getByRole('button', { name: 'Revoke old keys' });
    expect((revoke as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(revoke);
    confirmAppsUpdated(dialog);
    expect((revoke as HTMLButtonElement).disabled).toBe(false);
    confirmAppsUpdated(dialog);
    expect((revoke as HTMLButtonElement).disabled).toBe(true);
    const rotations = (await app.fake.api.rotation.list()).rotations;
    expect(rotations.map((r) => r.status)).toEqual(['waiting', 'waiting']);
  });

  it('ends with a summary: one revoked, which failed and why, and the flows on the new key', async () => {
    const { app, spare, started } = await batchOfTwo();
    app.fake.server.fault({
      method: 'DELETE',
      path: `/apikey/${spare.id}`,
      status: 500,
      json: { message: 'disk full' },
    });
    renderWith(app);
    const dialog = await openRevokeDialog(started.batchId);
    confirmAppsUpdated(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke old keys' }));
    const summary = await within(dialog).findByRole('region', { name: 'Revoke summary' });
    expect(summary.textContent).toContain('1 old key revoked.');
    const failed = within(summary).getByRole('list', { name: 'Not revoked' });
    expect(failed.textContent).toContain('spare on Prod');
    expect(failed.textContent).toMatch(/disk full|500/);
    const flows = within(summary).getByRole('list', { name: 'Flows now on the new keys' });
    const items = within(flows)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^Support bot on Prod: deploy/);
    expect(summary.textContent).toContain('1 key could not be revoked');
    expect(summary.textContent).not.toMatch(/\b1 keys\b|\b1 flows\b|\(s\)/);
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

async function openRevokeDialog(batchId: string): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: 'Rotation' }));
  const notice = await screen.findByRole('region', { name: `Bulk rotation ${batchId}` });
  fireEvent.click(within(notice).getByRole('button', { name: /^Revoke the old keys/ }));
  return screen.findByRole('dialog', { name: 'Revoke the old keys?' });
}

function confirmAppsUpdated(dialog: HTMLElement): void {
  fireEvent.click(
    within(dialog).getByRole('checkbox', {
      name: 'I have updated the apps that used the old keys',
    }),
  );
}
