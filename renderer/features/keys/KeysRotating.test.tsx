// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, keyRow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const badge = (name: string) => within(keyRow(name)).queryByText('Rotating');

describe('a key being rotated in the Keys list', () => {
  it('wears a "Rotating" badge until its rotation ends, and only the old key does', async () => {
    let rotationId = '';
    const app = await showKeys(async ({ fake, server, instanceId }) => {
      const key = server.addKey('deploy', undefined, 'fkv-deploy-VALUE-0123456789abcdef');
      server.addKey('spare', undefined, 'fkv-spare-VALUE-0123456789abcdef');
      addChatflow(server, 'Support bot', key.id);
      // Stops in grace, waiting for the person: unfinished.
      rotationId = (await fake.api.rotation.start({ instanceId, keyId: key.id })).id;
    });
    await screen.findByRole('list', { name: 'API keys' });
    expect(badge('deploy')).not.toBeNull();
    expect(badge('spare')).toBeNull();
    const replacement = app.keysState().keys?.find((k) => k.keyName.startsWith('deploy (rotation'));
    expect(replacement?.rotating).toBeUndefined();
    expect(app.keysState().keys?.find((k) => k.keyName === 'deploy')?.rotating).toBe(true);

    await app.fake.api.rotation.revoke({ rotationId });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh keys' }));
    await waitFor(() => {
      expect(screen.queryByText('Rotating')).toBeNull();
    });
  });
});
