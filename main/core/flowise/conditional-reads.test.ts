import { describe, expect, it } from 'vitest';

import type { HttpRequest, HttpResponse } from '../ports.js';
import { createConditionalReads } from './conditional-reads.js';
import type { ConditionalReads } from './conditional-reads.js';
import { createFlowiseClient } from './flowise-client.js';
import { json, ScriptedHttp } from './testing/scripted-http.js';
import { keyRow3 } from './testing/key-rows.js';

const KEY = 'Kq3v9ZxL0pR7sT2uW5yB8nD1fH4jM6cE0gA3kN9qX2s';
const OTHER = 'Zt7pR2sT4uW6yB8nD0fH3jM5cE7gA9kN1qX3sKq5v8L';
const BASE = 'https://flowise.example.com';

const tagged = (body: unknown, etag: string): HttpResponse => {
  const answer = json(200, body);
  return { ...answer, headers: { ...answer.headers, etag } };
};
const notModified: HttpResponse = { status: 304, headers: {}, body: '' };

/** Answers like Express: 304 when the request names the current tag. */
function server(http: ScriptedHttp, path: string, current: () => { body: unknown; etag?: string }) {
  return http.on('GET', path, (request: HttpRequest) => {
    const { body, etag } = current();
    if (etag === undefined) return json(200, body);
    return request.headers['if-none-match'] === etag ? notModified : tagged(body, etag);
  });
}

function clientOf(http: ScriptedHttp, reads: ConditionalReads, apiKey = KEY) {
  return createFlowiseClient({ http, baseUrl: BASE, apiKey, timeoutMs: 5000, reads });
}

const asked = (http: ScriptedHttp): (string | undefined)[] =>
  http.requests.map((r) => r.headers['if-none-match']);

describe('lists read again with If-None-Match', () => {
  it('asks with the tag it was given and takes a 304 as the same, frozen list', async () => {
    const reads = createConditionalReads();
    const rows = [keyRow3({ keyName: 'one' })];
    const http = server(new ScriptedHttp(), '/api/v1/apikey', () => ({
      body: rows,
      etag: 'W/"1"',
    }));
    const first = await clientOf(http, reads).listKeys();
    const second = await clientOf(http, reads).listKeys();
    expect(asked(http)).toEqual([undefined, 'W/"1"']);
    expect(http.requests[1]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(second).toBe(first);
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second[0])).toBe(true);
    expect(() => {
      (second as { keyName: string }[]).push({ keyName: 'x' });
    }).toThrow(TypeError);
  });

  it('takes a changed list whole, and keeps its new tag', async () => {
    const reads = createConditionalReads();
    let state = { body: [keyRow3({ keyName: 'one' })] as unknown, etag: 'W/"1"' };
    const http = server(new ScriptedHttp(), '/api/v1/apikey', () => state);
    await clientOf(http, reads).listKeys();
    state = { body: [keyRow3({ keyName: 'two' })], etag: 'W/"2"' };
    const changed = await clientOf(http, reads).listKeys();
    expect(changed.map((r) => r.keyName)).toEqual(['two']);
    expect(await clientOf(http, reads).listKeys()).toBe(changed);
    expect(asked(http)).toEqual([undefined, 'W/"1"', 'W/"2"']);
  });

  it('keeps nothing for an answer without a tag', async () => {
    const reads = createConditionalReads();
    let state: { body: unknown; etag?: string } = { body: [], etag: 'W/"1"' };
    const http = server(new ScriptedHttp(), '/api/v1/chatflows', () => state);
    await clientOf(http, reads).listChatflows();
    state = { body: [] };
    await clientOf(http, reads).listChatflows();
    await clientOf(http, reads).listChatflows();
    expect(asked(http)).toEqual([undefined, 'W/"1"', undefined]);
  });

  it("never offers one key's list to another key, and forgets every list on forget()", async () => {
    const reads = createConditionalReads();
    const http = server(new ScriptedHttp(), '/api/v1/credentials', () => ({
      body: [],
      etag: 'W/"c"',
    }));
    await clientOf(http, reads).listCredentials();
    await clientOf(http, reads, OTHER).listCredentials();
    reads.forget();
    await clientOf(http, reads).listCredentials();
    expect(asked(http)).toEqual([undefined, undefined, undefined]);
  });

  it('reads a 304 it did not ask for as an error, not as data', async () => {
    const http = new ScriptedHttp().on('GET', '/api/v1/apikey', notModified);
    await expect(clientOf(http, createConditionalReads()).listKeys()).rejects.toMatchObject({
      code: expect.any(String),
    });
  });

  it('asks only for lists: the version is read whole each time', async () => {
    const reads = createConditionalReads();
    const http = server(new ScriptedHttp(), '/api/v1/version', () => ({
      body: { version: '3.1.4' },
      etag: 'W/"v"',
    }));
    await clientOf(http, reads).version();
    await clientOf(http, reads).version();
    expect(asked(http)).toEqual([undefined, undefined]);
  });

  it('gives the same permission groups for an unchanged catalog', async () => {
    const reads = createConditionalReads();
    const http = server(new ScriptedHttp(), '/api/v1/auth/permissions/API_KEY', () => ({
      body: { chatflows: [{ key: 'chatflows:view', value: 'View', isOpenSource: true }] },
      etag: 'W/"p"',
    }));
    const first = await clientOf(http, reads).keyPermissions();
    expect(await clientOf(http, reads).keyPermissions()).toBe(first);
  });

  it('keeps the catalog asked as kept for the unlock, but neither a failed read nor a refusal', async () => {
    const reads = createConditionalReads();
    const path = '/api/v1/auth/permissions/API_KEY';
    const catalog = { chatflows: [{ key: 'chatflows:view', value: 'View', isOpenSource: true }] };
    const answers = [
      json(200, catalog),
      json(500, { message: 'down' }),
      json(403, { message: 'Forbidden' }),
      json(200, catalog),
    ];
    const http = new ScriptedHttp().on('GET', path, () => answers.shift() ?? json(404, {}));
    const kept = () => clientOf(http, reads).keyPermissions({ kept: true });
    const first = await kept();
    expect(await kept()).toBe(first);
    expect(http.requests).toHaveLength(1);
    reads.forget();
    await expect(kept()).rejects.toMatchObject({ code: 'server_error' });
    await expect(kept()).rejects.toMatchObject({ code: 'forbidden' });
    expect((await kept())[0]?.permissions[0]?.key).toBe('chatflows:view');
    expect(await kept()).toBeDefined();
    expect(http.requests).toHaveLength(4);
  });
});
