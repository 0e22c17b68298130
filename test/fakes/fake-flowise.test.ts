// The fake's own traps, checked with raw requests so that the client cannot hide a divergence
// from the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from './fake-flowise.js';
import { PLACEHOLDER, startFakeFlowise } from './fake-flowise.js';

let fake: FakeFlowise;

async function call(method: string, path: string, options: { key?: string; body?: string } = {}) {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.key ?? fake.adminKey}`,
      'content-type': 'application/json',
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

beforeAll(async () => {
  fake = await startFakeFlowise({ seed: { keys: 5, chatflows: 6, credentials: 2 } });
});

afterAll(async () => {
  await fake.close();
});

describe('the fake Flowise', () => {
  it('is seeded, and binds every other seeded flow to a seeded key', () => {
    expect(fake.state.keys.size).toBe(6);
    expect(fake.state.credentials.size).toBe(2);
    const flows = [...fake.state.chatflows.values()];
    expect(flows.filter((f) => f.apikeyid !== null)).toHaveLength(3);
  });

  it('answers unknown routes, GET /apikey/:id and upper-case paths like the real one', async () => {
    const unknown = await call('GET', '/api/v1/apikey/import');
    expect(unknown).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    expect((await call('GET', `/api/v1/apikey/${fake.adminKeyId}`)).status).toBe(200);
    expect((await call('GET', '/API/V1/apikey')).status).toBe(401);
    expect((await call('GET', '/api/v1/ping', { key: '' })).body).toBe('pong');
  });

  it('gates: 401 for no key, cookie auth for x-request-from, 400 for bad JSON', async () => {
    expect(await call('GET', '/api/v1/apikey', { key: '' })).toMatchObject({
      status: 401,
      body: '{"error":"Unauthorized Access"}',
    });
    const internal = await fetch(`${fake.url}/api/v1/apikey`, {
      headers: { 'x-request-from': 'internal', authorization: `Bearer ${fake.adminKey}` },
    });
    expect(internal.status).toBe(401);
    const bad = await call('POST', '/api/v1/apikey', { body: '{"keyName":' });
    expect(bad.status).toBe(400);
  });

  it("lists only keys within the caller's permissions, and pages with a wrong total", async () => {
    const narrow = fake.addKey('narrow', ['apikeys:view']);
    const seen = JSON.parse((await call('GET', '/api/v1/apikey', { key: narrow.apiKey })).body) as {
      id: string;
    }[];
    expect(seen.map((k) => k.id)).toEqual([narrow.id]);
    const paged = JSON.parse((await call('GET', '/api/v1/apikey?page=2&limit=3')).body) as {
      total: number;
      data: unknown[];
    };
    expect(paged.total).toBe(paged.data.length);
    expect(paged.total).toBeLessThan(fake.state.keys.size);
  });

  it('keeps a secret when an update merges other fields, and stores the placeholder if sent', async () => {
    const created = JSON.parse(
      (
        await call('POST', '/api/v1/credentials', {
          body: JSON.stringify({
            name: 'r',
            credentialName: 'redisCacheApi',
            plainDataObj: { redisCacheHost: 'a', redisCachePwd: 's3' },
          }),
        })
      ).body,
    ) as { id: string; encryptedData: string };
    expect(created.encryptedData).toMatch(/^U2FsdGVkX1/);
    await call('PUT', `/api/v1/credentials/${created.id}`, {
      body: JSON.stringify({ plainDataObj: { redisCacheHost: 'b' } }),
    });
    expect(fake.state.credentials.get(created.id)?.data).toEqual({
      redisCacheHost: 'b',
      redisCachePwd: 's3',
    });
    await call('PUT', `/api/v1/credentials/${created.id}`, {
      body: JSON.stringify({ plainDataObj: { redisCachePwd: PLACEHOLDER } }),
    });
    expect(fake.state.credentials.get(created.id)?.data.redisCachePwd).toBe(PLACEHOLDER);
  });
});

describe('the fake Flowise tagging its answers as Express does', () => {
  const get = (path: string, ifNoneMatch?: string): Promise<Response> =>
    fetch(`${fake.url}/api/v1${path}`, {
      headers: {
        authorization: `Bearer ${fake.adminKey}`,
        ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }),
      },
    });

  it('sends a weak ETag of the body, and 304 without a body while the list is unchanged', async () => {
    const first = await get('/apikey');
    const tag = first.headers.get('etag') ?? '';
    const body = await first.text();
    expect(tag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
    expect(tag).toContain(Buffer.byteLength(body).toString(16));
    const again = await get('/apikey', tag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/apikey', `"other", ${tag}`)).status).toBe(304);
    fake.addKey('tagged', ['chatflows:view']);
    const changed = await get('/apikey', tag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('answers a refusal in full whatever the request names', async () => {
    const refused = await fetch(`${fake.url}/api/v1/apikey`, { headers: { 'if-none-match': '*' } });
    expect(refused.status).toBe(401);
  });
});

describe('the fake Flowise keeping its answers (the bench)', () => {
  it('answers a GET again as before until a change over HTTP, which shows at once', async () => {
    const cached = await startFakeFlowise({
      seed: { keys: 2, chatflows: 2, credentials: 1 },
      cacheAnswers: true,
    });
    const list = async (path: string, key = cached.adminKey): Promise<unknown> => {
      const response = await fetch(`${cached.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return response.status === 200 ? response.json() : response.status;
    };
    const send = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${cached.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${cached.adminKey}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const names = async (): Promise<string[]> =>
      ((await list('/apikey')) as { keyName: string }[]).map((k) => k.keyName).sort();
    try {
      const before = await names();
      expect(await names()).toEqual(before);
      const made = (await (
        await send('POST', '/apikey', { keyName: 'new', permissions: ['chatflows:view'] })
      ).json()) as {
        id: string;
        keyName: string;
      }[];
      expect(await names()).toEqual([...before, 'new'].sort());
      const flow = [...cached.state.chatflows.values()][0];
      const key = made.find((k) => k.keyName === 'new');
      if (flow === undefined || key === undefined) throw new Error('no flow or key');
      await send('PUT', `/chatflows/${flow.id}`, { apikeyid: key.id });
      const flows = (await list('/chatflows')) as { id: string; apikeyid: string | null }[];
      expect(flows.find((x) => x.id === flow.id)?.apikeyid).toBe(key.id);
      // Each caller has its own answer: a key without the permission is still refused.
      const narrow = cached.addKey('narrow', ['chatflows:view']);
      expect(await list('/apikey', narrow.apiKey)).toBe(403);
      expect(await names()).toEqual([...before, 'narrow', 'new'].sort());
      await send('DELETE', `/apikey/${narrow.id}`);
      expect(await list('/apikey', narrow.apiKey)).toBe(401);
    } finally {
      await cached.close();
    }
  });
});
