// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { keyNames, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

describe('Keys page refresh', () => {
  it('reads the list again from the server on Refresh, showing a key made elsewhere', async () => {
    const app = await showKeys();
    await screen.findByRole('list', { name: 'API keys' });
    expect(keyNames()).toEqual(['admin']);
    app.server.addKey('made-elsewhere', ['chatflows:view']);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh keys' }));
    await waitFor(() => {
      expect(keyNames()).toEqual(['admin', 'made-elsewhere']);
    });
  });
});
