// The `flowise` fixture reaches the run's real server with a key that may manage keys.
import { expect, test } from './fixtures.js';

test('specs get the real Flowise server and its full-permission key', async ({ flowise }) => {
  const ping = await fetch(`${flowise.url}/api/v1/ping`);
  expect(await ping.text()).toBe('pong');
  const keys = await fetch(`${flowise.url}/api/v1/apikey`, {
    headers: { Authorization: `Bearer ${flowise.apiKey}` },
  });
  expect(keys.status).toBe(200);
  const ids = ((await keys.json()) as { id: string }[]).map((k) => k.id);
  expect(ids).toContain(flowise.apiKeyId);
});
