import { describe, expect, it } from 'vitest';

import { createFlowiseClient } from './flowise-client.js';
import { keyRow2, keyRow3 } from './testing/key-rows.js';
import { json, ScriptedHttp } from './testing/scripted-http.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';
/** A 3.1.4 server unless the test scripts another /version. */
const server = (): ScriptedHttp =>
  new ScriptedHttp().on('GET', '/api/v1/version', json(200, { version: '3.1.4' }));
const bodyOf = (http: ScriptedHttp, method: string): unknown =>
  JSON.parse(http.requests.find((r) => r.method === method)?.body ?? '');
const clientOf = (http: ScriptedHttp) =>
  createFlowiseClient({ http, baseUrl: 'http://127.0.0.1:3000', apiKey: KEY, timeoutMs: 1000 });

describe('API keys', () => {
  const admin = keyRow3({ keyName: 'admin', apiKey: KEY });

  it('finds the created key in the whole list POST returns, by id, not by name', async () => {
    const twin = keyRow3({ keyName: 'ci' });
    const created = keyRow3({ keyName: 'ci', permissions: ['chatflows:view'] });
    const http = server()
      .on('GET', '/api/v1/apikey', json(200, [admin, twin]))
      .on('POST', '/api/v1/apikey', json(200, [admin, twin, created]));
    const row = await clientOf(http).createKey({
      keyName: ' ci ',
      permissions: ['chatflows:view'],
    });
    expect(row.id).toBe(created.id);
    expect(row.apiKey).toBe(created.apiKey);
    expect(row).not.toHaveProperty('apiSecret');
    expect(bodyOf(http, 'POST')).toEqual({
      keyName: 'ci',
      permissions: ['chatflows:view'],
    });
  });

  it('lists permissions as sent, and refuses a row whose permissions are not all text', async () => {
    const scoped = keyRow3({ keyName: 'ci', permissions: ['chatflows:view', 'apikeys:view'] });
    const listed = await clientOf(
      server().on('GET', '/api/v1/apikey', json(200, [scoped])),
    ).listKeys();
    expect(listed.map((r) => r.permissions)).toEqual([['chatflows:view', 'apikeys:view']]);
    for (const permissions of [['chatflows:view', 7], 'chatflows:view', [null]]) {
      const odd = { ...scoped, permissions };
      const http = server().on('GET', '/api/v1/apikey', json(200, [odd]));
      await expect(clientOf(http).listKeys()).rejects.toMatchObject({ code: 'server_error' });
    }
  });

  it('falls back to the name when the key may create but not list', async () => {
    const created = keyRow3({ keyName: 'fresh' });
    const http = server()
      .on('GET', '/api/v1/apikey', json(403, { message: 'Forbidden' }))
      .on('POST', '/api/v1/apikey', json(200, [keyRow3({ keyName: 'old' }), created]));
    expect((await clientOf(http).createKey({ keyName: 'fresh', permissions: ['a:b'] })).id).toBe(
      created.id,
    );
  });

  it('says so when the new key cannot be told apart', async () => {
    const http = server()
      .on('GET', '/api/v1/apikey', json(200, []))
      .on(
        'POST',
        '/api/v1/apikey',
        json(200, [keyRow3({ keyName: 'a' }), keyRow3({ keyName: 'a' })]),
      );
    await expect(clientOf(http).createKey({ keyName: 'a' })).rejects.toMatchObject({
      code: 'conflict',
    });
    http.on('POST', '/api/v1/apikey', json(200, []));
    await expect(clientOf(http).createKey({ keyName: 'a' })).rejects.toMatchObject({
      code: 'server_error',
    });
  });

  it('checks names and permissions before sending', async () => {
    const http = server().on('GET', '/api/v1/apikey', json(200, [admin]));
    const client = clientOf(http);
    await expect(client.createKey({ keyName: '  ' })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(client.createKey({ keyName: 'x', permissions: [] })).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(client.createKey({ keyName: 'x', permissions: [KEY] })).rejects.toSatisfy(
      (e: Error) => !e.message.includes(KEY),
    );
    // A bad form is refused before any call; an empty choice after reading the key list, whose
    // rows tell the server's line (permissions came in 3.0.13). Nothing is ever created.
    expect(http.paths()).toEqual(['GET /api/v1/apikey']);
  });

  it('fills what an update leaves out from the key itself, and finds it in the answer', async () => {
    const row = keyRow3({ keyName: 'old', permissions: ['apikeys:view', 'credentials:view'] });
    const renamed = { ...row, keyName: 'new' };
    const http = server()
      .on('GET', '/api/v1/apikey', json(200, [admin, row]))
      .on('PUT', `/api/v1/apikey/${String(row.id)}`, json(200, [admin, renamed]));
    const updated = await clientOf(http).updateKey(String(row.id), { keyName: 'new' });
    expect(updated.keyName).toBe('new');
    expect(bodyOf(http, 'PUT')).toEqual({
      keyName: 'new',
      permissions: ['apikeys:view', 'credentials:view'],
    });
  });

  it('reports unknown ids as not found on update and delete', async () => {
    const http = server()
      .on('GET', '/api/v1/version', json(200, { version: '3.1.4' }))
      .on('GET', '/api/v1/apikey', json(200, [admin]))
      .on('PUT', '/api/v1/apikey/nope', json(404, { message: 'ApiKey null not found' }))
      .on('DELETE', '/api/v1/apikey/nope', json(200, { raw: [], affected: 0 }))
      .on('DELETE', '/api/v1/apikey/k1', json(200, { raw: [], affected: 1 }));
    const client = clientOf(http);
    await expect(client.updateKey('nope', { keyName: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'API key nope was not found on 127.0.0.1:3000.',
    });
    await expect(
      client.updateKey('nope', { keyName: 'x', permissions: ['a:b'] }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(client.deleteKey('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.deleteKey('k1')).resolves.toBeUndefined();
  });

  it('handles 2.x, whose DELETE answers with the remaining list', async () => {
    const gone = keyRow2({ keyName: 'gone' });
    const kept = keyRow2({ keyName: 'DefaultKey', apiKey: KEY });
    const http = server()
      .on('GET', '/api/v1/version', json(200, { version: '2.2.8' }))
      .on('GET', '/api/v1/apikey', json(200, [kept, gone]))
      .on('DELETE', `/api/v1/apikey/${String(gone.id)}`, json(200, [kept]))
      .on('DELETE', `/api/v1/apikey/${String(kept.id)}`, json(200, [kept]));
    const client = clientOf(http);
    await client.deleteKey(String(gone.id));
    http.on('GET', '/api/v1/apikey', json(200, [kept]));
    await expect(client.deleteKey(String(gone.id))).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.deleteKey(String(kept.id))).rejects.toMatchObject({ code: 'server_error' });
    expect(http.paths().filter((p) => p === 'GET /api/v1/version')).toHaveLength(1);
    const [row] = await client.listKeys();
    expect(row).toMatchObject({ createdAt: '22-Nov-26', keyName: 'DefaultKey' });
    expect(row?.permissions).toBeUndefined();
  });
});
