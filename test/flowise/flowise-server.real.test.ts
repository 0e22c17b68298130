// The shared real server (whichever release npm test started) is up, and its key is the
// full-access key the suites rely on.
import { existsSync } from 'node:fs';

import { describe, expect, inject, it } from 'vitest';

const flowise = inject('flowise');
const auth = { Authorization: `Bearer ${flowise.apiKey}` };

describe('the provided Flowise server', () => {
  it('answers the ping on loopback', async () => {
    expect(new URL(flowise.url).hostname).toBe('127.0.0.1');
    const response = await fetch(`${flowise.url}/api/v1/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('pong');
  });

  it(`is the Flowise it says it is (${flowise.version})`, async () => {
    const response = await fetch(`${flowise.url}/api/v1/version`);
    expect(await response.json()).toEqual({ version: flowise.version });
  });

  if (flowise.generation === '3.0.13+')
    it('lists its own key, with every permission a key may hold, to that key', async () => {
      const response = await fetch(`${flowise.url}/api/v1/apikey`, { headers: auth });
      expect(response.status).toBe(200);
      const keys = (await response.json()) as { id: string; permissions: string[] }[];
      const own = keys.find((k) => k.id === flowise.apiKeyId);
      expect(own).toBeDefined();
      expect(own?.permissions).toEqual(
        expect.arrayContaining(['apikeys:view', 'apikeys:create', 'credentials:delete']),
      );
    });
  else
    it('lists its own key, which carries no permissions (full access), to that key', async () => {
      const response = await fetch(`${flowise.url}/api/v1/apikey`, { headers: auth });
      expect(response.status).toBe(200);
      const keys = (await response.json()) as { id: string; permissions?: unknown }[];
      const own = keys.find((k) => k.id === flowise.apiKeyId);
      expect(own).toBeDefined();
      expect(own).not.toHaveProperty('permissions');
    });

  it('refuses a wrong key', async () => {
    const response = await fetch(`${flowise.url}/api/v1/apikey`, {
      headers: { Authorization: 'Bearer not-a-key' },
    });
    expect(response.status).toBe(401);
  });

  it('keeps its data in the private folder it was given', () => {
    expect(existsSync(flowise.dataDir)).toBe(true);
  });
});
