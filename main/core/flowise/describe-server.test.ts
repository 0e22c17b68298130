import { describe, expect, it } from 'vitest';

import { createFlowiseClient } from './flowise-client.js';
import { keyRow2, keyRow3, keyRow30 } from './testing/key-rows.js';
import { html, json, ScriptedHttp, text } from './testing/scripted-http.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';
const clientOf = (http: ScriptedHttp) =>
  createFlowiseClient({ http, baseUrl: 'http://127.0.0.1:3000', apiKey: KEY, timeoutMs: 1000 });

function server(version: string | null, settings: unknown, keys: unknown): ScriptedHttp {
  const http = new ScriptedHttp().on('GET', '/api/v1/ping', text('pong'));
  if (version !== null) http.on('GET', '/api/v1/version', json(200, { version }));
  if (settings !== null) http.on('GET', '/api/v1/settings', json(200, settings));
  return http.on('GET', '/api/v1/apikey', json(200, keys));
}

describe('describe()', () => {
  it('describes a 3.1.4 server and finds the admin key by its value', async () => {
    const own = keyRow3({ keyName: 'admin', apiKey: KEY, permissions: ['apikeys:view'] });
    const http = server('3.1.4', { PLATFORM_TYPE: 'open source' }, [keyRow3(), own]);
    expect(await clientOf(http).describe()).toEqual({
      version: '3.1.4',
      platform: 'open source',
      generation: '3.0.13+',
      workspaceId: 'ws-1',
      keyRow: { id: own.id, keyName: 'admin', permissions: ['apikeys:view'] },
    });
  });

  it('reports an enterprise server with an invalid licence, and a key that cannot list keys', async () => {
    const http = server('3.1.0', {}, []).on(
      'GET',
      '/api/v1/apikey',
      json(403, { message: 'Forbidden' }),
    );
    const found = await clientOf(http).describe();
    expect(found).toEqual({ version: '3.1.0', platform: 'enterprise', generation: '3.0.13+' });
  });

  it('recognises 3.0.1–3.0.12 and 2.x', async () => {
    const mid = server('3.0.12', { PLATFORM_TYPE: 'cloud' }, [keyRow30({ apiKey: KEY })]);
    expect(await clientOf(mid).describe()).toMatchObject({
      generation: '3.0.1-3.0.12',
      platform: 'cloud',
      workspaceId: 'ws-1',
      keyRow: { keyName: 'key', permissions: undefined },
    });
    const old = server('2.2.8', null, [keyRow2({ apiKey: KEY })]);
    const found = await clientOf(old).describe();
    expect(found).toMatchObject({
      version: '2.2.8',
      generation: '2.0.6-3.0.0',
      platform: 'unknown',
    });
    expect(found.workspaceId).toBeUndefined();
    expect(old.paths()).not.toContain('GET /api/v1/settings');
  });

  it('falls back to the rows when /version is not there', async () => {
    const http = server(null, null, [keyRow2({ apiKey: KEY })]).on(
      'GET',
      '/api/v1/version',
      json(401, { error: 'Unauthorized Access' }),
    );
    expect(await clientOf(http).describe()).toMatchObject({
      version: 'unknown',
      generation: '2.0.6-3.0.0',
    });
    const scoped = server(null, { PLATFORM_TYPE: 'open source' }, [keyRow3({ apiKey: KEY })]);
    expect((await clientOf(scoped).describe()).generation).toBe('3.0.13+');
  });

  it('refuses servers whose keys cannot manage anything', async () => {
    const http = server('2.0.5', null, []);
    await expect(clientOf(http).describe()).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('2.0.5'),
    });
  });

  it('says "not Flowise" when ping is not pong, and "unauthorized" for a bad key', async () => {
    const page = new ScriptedHttp().on('GET', '/api/v1/ping', html());
    await expect(clientOf(page).describe()).rejects.toMatchObject({ code: 'not_flowise' });
    const bad = server('3.1.4', { PLATFORM_TYPE: 'open source' }, []).on(
      'GET',
      '/api/v1/apikey',
      json(401, { error: 'Unauthorized Access' }),
    );
    await expect(clientOf(bad).describe()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('detects the generation once, from /version alone when it can', async () => {
    const http = server('3.0.12', null, []);
    const client = clientOf(http);
    expect(await client.generation()).toBe('3.0.1-3.0.12');
    expect(await client.generation()).toBe('3.0.1-3.0.12');
    expect(http.paths()).toEqual(['GET /api/v1/version']);
  });
});
