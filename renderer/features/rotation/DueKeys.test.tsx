// @vitest-environment jsdom
// The unlock banner naming the keys due for rotation, and the Rotation page's Due list with
// "Rotate all due", on the real core with a fake Flowise.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { renderWith, seeded } from '../../testing/show-rotation.js';
import type { Seeded } from '../../testing/show-rotation.js';

afterEach(cleanup);

const DAY = 24 * 60 * 60_000;

/** "deploy" under a 30-day policy, 31 days after the vault first saw it; "ci" soon due. */
async function withDueKey(): Promise<Seeded> {
  // Days pass: no idle lock meanwhile.
  const app = await seeded({ settings: { autoLockMinutes: 0 } });
  const ci = app.fake.server.addKey('ci', ['chatflows:view'], 'fkv-ci-VALUE-0123456789abcdef');
  app.fake.server.addChatflow('CI bot', { apikeyid: ci.id, type: 'CHATFLOW' });
  const { api } = app.fake;
  await api.keys.list({ instanceId: app.instanceId });
  await api.policies.set({
    scope: { kind: 'key', instanceId: app.instanceId, keyId: app.keyId },
    maxAgeDays: 30,
  });
  await api.policies.set({
    scope: { kind: 'key', instanceId: app.instanceId, keyId: ci.id },
    maxAgeDays: 40,
  });
  app.fake.clock.advance(31 * DAY);
  return app;
}

describe('keys due for rotation', () => {
  it('names the overdue and soon-due keys in a banner after unlock, which can be dismissed', async () => {
    renderWith(await withDueKey());
    const banner = await screen.findByRole('region', { name: 'Keys due for rotation' });
    expect(banner.textContent).toContain('1 key is due for rotation: "deploy" on Prod.');
    expect(banner.textContent).toContain('1 key will be due within 14 days: "ci" on Prod.');
    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Keys due for rotation' })).toBeNull();
  });

  it('lists them on the Rotation page, and "Rotate all due" reviews only the due key in the bulk rotation', async () => {
    renderWith(await withDueKey());
    const banner = await screen.findByRole('region', { name: 'Keys due for rotation' });
    fireEvent.click(within(banner).getByRole('button', { name: 'Show the Due list' }));
    const list = await screen.findByRole('region', { name: 'Due' });
    const rows = await within(list).findAllByRole('row');
    expect(rows.slice(1).map((r) => r.textContent)).toEqual([
      "deployProdoverdue by 1 day30 days maximum, from the key's policy",
      "ciProddue in 9 days40 days maximum, from the key's policy",
    ]);
    fireEvent.click(within(list).getByRole('button', { name: 'Rotate all due' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate several keys' });
    const review = await within(dialog).findByRole('region', { name: 'Keys to rotate' });
    expect(review.textContent).toContain('deploy');
    expect(review.textContent).not.toContain('ci');
  });
});
