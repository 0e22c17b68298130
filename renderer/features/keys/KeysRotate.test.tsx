// @vitest-environment jsdom
// The two ways from the Keys page into a rotation: a key's own Rotate button, and "Rotate instead"
// when deleting a key that flows still use.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';

describe('rotating from the Keys page', () => {
  it("opens the wizard on the key's plan from its row", async () => {
    await showKeys(({ server }) => {
      const key = server.addKey('deploy', undefined, VALUE);
      addChatflow(server, 'Support bot', key.id);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate deploy' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    const flows = await within(dialog).findByRole('region', { name: 'Affected flows' });
    expect(flows.textContent).toContain('Support bot');
    expect(document.body.innerHTML).not.toContain(VALUE);
  });

  it('offers to rotate instead of deleting a key that flows use', async () => {
    await showKeys(({ server }) => {
      const key = server.addKey('prod key', undefined, VALUE);
      addChatflow(server, 'Support bot', key.id);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete prod key' }));
    const remove = await screen.findByRole('dialog', { name: 'Delete prod key?' });
    fireEvent.click(within(remove).getByRole('button', { name: 'Rotate instead' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate an API key' });
    await within(dialog).findByRole('region', { name: 'Affected flows' });
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Delete prod key?' })).toBeNull();
    });
  });

  it('does not offer a rotation when no flow uses the key', async () => {
    await showKeys(({ server }) => {
      server.addKey('spare', undefined, VALUE);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete spare' }));
    const remove = await screen.findByRole('dialog', { name: 'Delete spare?' });
    expect(within(remove).queryByRole('button', { name: 'Rotate instead' })).toBeNull();
  });
});
