import { describe, expect, it } from 'vitest';

import type { AppError } from '../../../common/errors.js';
import { isAppError } from '../../../common/errors.js';
import { createFlowiseClient } from './flowise-client.js';
import { html, json, redirect, ScriptedHttp, text } from './testing/scripted-http.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';
const BASE = 'https://flowise.example.com';

function clientOf(http: ScriptedHttp, baseUrl = BASE) {
  return createFlowiseClient({ http, baseUrl, apiKey: KEY, timeoutMs: 5000 });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) {
      expect(error.message).not.toContain(KEY);
      expect(JSON.stringify(error.details ?? {})).not.toContain(KEY);
      return error;
    }
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the Flowise transport', () => {
  it('sends the key as a Bearer header only, never x-request-from, never in the URL', async () => {
    const http = new ScriptedHttp().on('GET', '/api/v1/apikey', json(200, []));
    await clientOf(http).listKeys();
    const [request] = http.requests;
    expect(request?.url).toBe(`${BASE}/api/v1/apikey`);
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(Object.keys(request?.headers ?? {})).not.toContain('x-request-from');
    expect(request?.timeoutMs).toBe(5000);
  });

  it('keeps a path prefix of the instance address', async () => {
    const http = new ScriptedHttp().on('GET', '/flowise/api/v1/apikey', json(200, []));
    await clientOf(http, `${BASE}/flowise/`).listKeys();
    expect(http.requests[0]?.url).toBe(`${BASE}/flowise/api/v1/apikey`);
  });

  it('refuses to put a key in a URL', async () => {
    const http = new ScriptedHttp();
    const error = await failure(clientOf(http).deleteCredential(KEY));
    expect(error.code).toBe('internal');
    expect(http.requests).toHaveLength(0);
  });

  it('reads an HTML 200 as "not a Flowise API"', async () => {
    const error = await failure(clientOf(new ScriptedHttp()).listKeys());
    expect(error.code).toBe('not_flowise');
    expect(error.message).toMatch(/does not look like a Flowise API.*flowise\.example\.com/);
  });

  it('reads a 200 JSON of the wrong shape as a server error', async () => {
    const http = new ScriptedHttp().on('GET', '/api/v1/apikey', json(200, { hello: 1 }));
    expect((await failure(clientOf(http).listKeys())).code).toBe('server_error');
  });

  it('maps statuses to codes with messages naming host and permission', async () => {
    const http = new ScriptedHttp()
      .on('GET', '/api/v1/apikey', json(401, { error: 'Unauthorized Access' }))
      .on('GET', '/api/v1/credentials', json(403, { message: 'Forbidden' }))
      .on('GET', '/api/v1/chatflows', json(502, {}))
      .on('PUT', '/api/v1/chatflows/c1', json(412, { message: 'Error: x.y - id not provided!' }))
      .on('GET', '/api/v1/chatflows/c1', json(404, { message: 'Chatflow c1 not found' }))
      .on('GET', '/api/v1/credentials/c2', json(500, { message: 'Credential c2 not found' }))
      .on('GET', '/api/v1/credentials/c3', json(500, { message: 'SQLITE_BUSY' }))
      .on('GET', '/api/v1/credentials/c4', json(400, { message: 'Invalid id' }))
      .on('GET', '/api/v1/credentials/c5', html(404));
    const client = clientOf(http);
    const unauthorized = await failure(client.listKeys());
    expect(unauthorized.code).toBe('unauthorized');
    expect(unauthorized.message).toMatch(
      /flowise\.example\.com.*missing, invalid or has been deleted/,
    );
    const forbidden = await failure(client.listCredentials());
    expect(forbidden.code).toBe('forbidden');
    expect(forbidden.message).toContain('credentials:view');
    expect(forbidden.details?.permission).toBe('credentials:view');
    expect((await failure(client.listChatflows())).code).toBe('server_error');
    const precondition = await failure(client.setChatflowKey('c1', null));
    expect(precondition.code).toBe('precondition_failed');
    expect(precondition.message).toContain('id not provided!');
    const notFound = await failure(client.getChatflow('c1'));
    expect(notFound).toMatchObject({ code: 'not_found', message: expect.stringContaining('c1') });
    expect((await failure(client.getCredential('c2'))).code).toBe('not_found');
    const server = await failure(client.getCredential('c3'));
    expect(server.code).toBe('server_error');
    expect(server.message).toContain('SQLITE_BUSY');
    expect((await failure(client.getCredential('c4'))).code).toBe('bad_request');
    expect((await failure(client.getCredential('c5'))).code).toBe('not_flowise');
  });

  it('names every permission that would open a route', async () => {
    const http = new ScriptedHttp()
      .on('GET', '/api/v1/version', json(200, { version: '3.1.4' }))
      .on('PUT', '/api/v1/apikey/k1', json(403, { message: 'Forbidden' }));
    const error = await failure(
      clientOf(http).updateKey('k1', { keyName: 'a', permissions: ['x:y'] }),
    );
    expect(error.message).toContain('apikeys:create or apikeys:update');
  });

  it('never quotes a key the server echoes', async () => {
    const other = 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6L';
    const http = new ScriptedHttp().on(
      'GET',
      '/api/v1/credentials',
      json(500, { message: `bad key ${KEY} and ${other} here` }),
    );
    const error = await failure(clientOf(http).listCredentials());
    expect(error.message).toContain('bad key •••• and •••• here');
    expect(error.message).not.toContain(other);
  });

  it('follows a few same-origin redirects, keeping the method for 307 and 308', async () => {
    const http = new ScriptedHttp()
      .on('GET', '/api/v1/apikey', redirect(301, '/v2/api/v1/apikey'))
      .on('GET', '/v2/api/v1/apikey', redirect(302, `${BASE}/v3/api/v1/apikey`))
      .on('GET', '/v3/api/v1/apikey', json(200, []))
      .on('PUT', '/api/v1/chatflows/c1', redirect(308, '/x/api/v1/chatflows/c1'))
      .on('PUT', '/x/api/v1/chatflows/c1', json(200, { id: 'c1', name: 'flow', apikeyid: 'k1' }));
    const client = clientOf(http);
    expect(await client.listKeys()).toEqual([]);
    expect((await client.setChatflowKey('c1', 'k1')).apikeyid).toBe('k1');
    const put = http.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.body)).toEqual(['{"apikeyid":"k1"}', '{"apikeyid":"k1"}']);
  });

  it('refuses cross-origin redirects and never sends the key there', async () => {
    const http = new ScriptedHttp()
      .on('GET', '/api/v1/apikey', redirect(302, 'https://evil.example.net/steal'))
      .on(
        'GET',
        '/api/v1/credentials',
        redirect(301, 'http://flowise.example.com/api/v1/credentials'),
      )
      .on('GET', '/api/v1/chatflows', redirect(302, 'https://u:p@flowise.example.com/x'));
    const client = clientOf(http);
    const away = await failure(client.listKeys());
    expect(away.code).toBe('network');
    expect(away.message).toContain('evil.example.net');
    expect(away.details?.target).toBe('evil.example.net');
    expect((await failure(client.listCredentials())).message).toContain(
      'http://flowise.example.com',
    );
    expect((await failure(client.listChatflows())).code).toBe('network');
    expect(http.requests.every((r) => new URL(r.url).host === 'flowise.example.com')).toBe(true);
  });

  it('stops after three redirects and refuses to turn a POST into a GET', async () => {
    const http = new ScriptedHttp()
      .on('GET', '/api/v1/apikey', redirect(302, '/api/v1/apikey'))
      .on('POST', '/api/v1/credentials', redirect(302, '/other'));
    const client = clientOf(http);
    expect((await failure(client.listKeys())).message).toMatch(/too many times/);
    expect(http.requests).toHaveLength(4);
    const post = await failure(
      client.createCredential({ name: 'n', credentialName: 'openAIApi', plainDataObj: {} }),
    );
    expect(post.code).toBe('network');
  });

  it('passes port failures through unchanged', async () => {
    const http = new ScriptedHttp().on('GET', '/api/v1/ping', () => {
      throw new Error('not an AppError');
    });
    await expect(clientOf(http).ping()).rejects.toThrow('not an AppError');
    const ok = new ScriptedHttp().on('GET', '/api/v1/ping', text('pong'));
    await expect(clientOf(ok).ping()).resolves.toBeUndefined();
  });
});
