// @vitest-environment jsdom
// Two keys of one name on one instance: everything that names a key tells them apart by the masked
// value and the date the vault first saw each.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const DAY = 86_400_000;

async function showTwins() {
  return showKeys(
    async ({ fake, server, instanceId }) => {
      server.addKey('qa-key', undefined, 'fkv-first-twin-VALUE-0123456789AAAA');
      server.addKey('solo', undefined, 'fkv-solo-VALUE-0123456789abcdef');
      // The vault sees the first twin three days before the second.
      await fake.api.keys.list({ instanceId });
      fake.advance(3 * DAY);
      server.addKey('qa-key', undefined, 'fkv-second-twin-VALUE-01234567LwRw');
      // Three idle days would lock the vault otherwise.
    },
    { settings: { autoLockMinutes: 0 } },
  );
}

describe('keys that share a name', () => {
  it("name each twin's buttons by its masked value, and leave unique names alone", async () => {
    await showTwins();
    await screen.findByRole('list', { name: 'API keys' });
    for (const action of ['Copy', 'Edit', 'Rotate', 'Delete']) {
      expect(screen.getByRole('button', { name: `${action} qa-key (••••AAAA)` })).toBeTruthy();
      expect(screen.getByRole('button', { name: `${action} qa-key (••••LwRw)` })).toBeTruthy();
      expect(screen.getByRole('button', { name: `${action} solo` })).toBeTruthy();
    }
    expect(screen.getAllByText('Same name as another key')).toHaveLength(2);
  });

  it('say which twin in the Delete dialog, with its first-seen date, and delete that one', async () => {
    const { server } = await showTwins();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete qa-key (••••LwRw)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete qa-key (••••LwRw)?' });
    expect(dialog.textContent).toContain('first seen 2026-01-04');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: 'Delete qa-key (••••LwRw)' })).toBeNull();
    });
    expect([...server.state.keys.values()].map((k) => k.apiKey.slice(-4)).sort()).toContain('AAAA');
    expect([...server.state.keys.values()].some((k) => k.apiKey.endsWith('LwRw'))).toBe(false);
    // The survivor's name is unique now.
    expect(screen.getByRole('button', { name: 'Delete qa-key' })).toBeTruthy();
  });

  it('say which twin in the Edit and Rotate dialogs', async () => {
    await showTwins();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit qa-key (••••AAAA)' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit qa-key (••••AAAA)' });
    expect(edit.textContent).toContain('first seen 2026-01-01');
    fireEvent.click(within(edit).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });

    fireEvent.click(screen.getByRole('button', { name: 'Rotate qa-key (••••LwRw)' }));
    const rotate = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    expect(rotate.textContent).toContain('qa-key (••••LwRw, first seen 2026-01-04)');
  });
});
