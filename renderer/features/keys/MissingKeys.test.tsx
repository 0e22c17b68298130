// @vitest-environment jsdom
// A key the vault had seen that a 2.x server (api.json storage) no longer lists: the Keys page
// says since when and why, names the flows still bound to it, and puts it back when the vault
// holds its value.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { addChatflow, showKeys } from '../../testing/show-keys.js';

afterEach(cleanup);

const OLD = { flowise: { generation: '2.0.6-3.0.0' as const } };

describe('Keys missing from the server', () => {
  it('says a key seen before is missing, since when and why, with its flows, and re-imports it', async () => {
    let lostId = '';
    let value = '';
    const app = await showKeys(async ({ fake, server, instanceId }) => {
      const { key } = await fake.api.keys.create({
        instanceId,
        keyName: 'deploy',
        permissions: [],
      });
      lostId = key.id;
      value = server.state.keys.get(key.id)?.apiKey ?? '';
      addChatflow(server, 'Support bot', key.id);
      await fake.api.keys.list({ instanceId });
      server.state.keys.delete(key.id);
    }, OLD);
    const region = await screen.findByRole('region', { name: 'Keys missing from the server' });
    const item = within(region).getByRole('listitem', { name: 'deploy' });
    expect(item.textContent).toMatch(/Missing from the server since/);
    expect(item.textContent).toMatch(/Flowise 2\.x with api\.json storage/);
    expect(item.textContent).toContain('1 flow is still bound to it: Support bot');
    fireEvent.click(within(item).getByRole('button', { name: 'Re-import deploy' }));
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Keys missing from the server' })).toBeNull();
    });
    expect(app.server.state.keys.get(lostId)?.apiKey).toBe(value);
    expect(app.keysState().keys?.map((k) => k.keyName)).toContain('deploy');
  });

  it('says why a key whose value the vault never held cannot be restored, and forgets it on request', async () => {
    const app = await showKeys(async ({ fake, server, instanceId }) => {
      const outside = server.addKey('made-in-flowise', []);
      await fake.api.keys.list({ instanceId });
      server.state.keys.delete(outside.id);
    }, OLD);
    const region = await screen.findByRole('region', { name: 'Keys missing from the server' });
    const item = within(region).getByRole('listitem', { name: 'made-in-flowise' });
    expect(item.textContent).toMatch(/never held its value/);
    expect(within(item).queryByRole('button', { name: /^Re-import/ })).toBeNull();
    fireEvent.click(within(item).getByRole('button', { name: 'Forget made-in-flowise' }));
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Keys missing from the server' })).toBeNull();
    });
    expect(app.keysState().missing).toEqual([]);
  });
});
