// @vitest-environment jsdom
// Counts agree with their nouns and verbs: "1 flow uses", never "1 flow use" or "flow(s)".
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const VALUE = 'fkv-existing-key-VALUE-0123456789wxyz';

describe('counts in the keys page', () => {
  it('says "1 flow uses this key" and "1 key" for one', async () => {
    await showKeys(({ server }) => {
      const key = server.addKey('prod key', undefined, VALUE);
      addChatflow(server, 'Support bot', key.id);
    });
    await screen.findByRole('list', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete prod key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete prod key?' });
    expect(dialog.textContent).toContain('1 flow uses this key and will answer 401 until rebound');
    expect(document.body.textContent).not.toMatch(/\(s\)/);
  });
});
