// Every error class the client reports, provoked on the fake Flowise: the code, a message that
// names the host, and never a key.
import { X509Certificate } from 'node:crypto';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { FlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { randomKey } from './contract-context.js';
import { expectFailure } from './contract-helpers.js';

const http = createNodeHttp();
let fake: FakeFlowise;
let host: string;
let secrets: string[];

const clientOf = (extra: Partial<Parameters<typeof createFlowiseClient>[0]> = {}): FlowiseClient =>
  createFlowiseClient({
    http,
    baseUrl: fake.url,
    apiKey: fake.adminKey,
    timeoutMs: 2000,
    ...extra,
  });

beforeAll(async () => {
  fake = await startFakeFlowise();
  host = new URL(fake.url).host;
  secrets = [fake.adminKey];
});

afterEach(() => {
  fake.clearFaults();
});

afterAll(async () => {
  // Whatever the tests did, no request ever carried a key in its URL or asked for cookie auth.
  for (const request of fake.log) {
    for (const key of fake.state.keys.values()) expect(request.url).not.toContain(key.apiKey);
    expect(request.url).not.toMatch(/\/verify\/apikey/);
    expect(request.headers).not.toHaveProperty('x-request-from');
  }
  await fake.close();
});

describe('errors from the fake Flowise', () => {
  it('unauthorized: a wrong, missing or deleted key', async () => {
    const wrong = randomKey();
    const error = await expectFailure(clientOf({ apiKey: wrong }).listKeys(), 'unauthorized', [
      ...secrets,
      wrong,
    ]);
    expect(error.message).toContain(host);
    const doomed = fake.addKey('doomed');
    const client = clientOf({ apiKey: doomed.apiKey });
    await client.listKeys();
    await clientOf().deleteKey(doomed.id);
    await expectFailure(client.listKeys(), 'unauthorized', [...secrets, doomed.apiKey]);
  });

  it('forbidden: names the permission the route needs', async () => {
    const scoped = fake.addKey('scoped', ['credentials:view']);
    const client = clientOf({ apiKey: scoped.apiKey });
    const error = await expectFailure(client.getCredential('c1'), 'forbidden', [
      ...secrets,
      scoped.apiKey,
    ]);
    expect(error.message).toContain('credentials:create or credentials:update');
    const chatflows = await expectFailure(client.listChatflows(), 'forbidden', secrets);
    expect(chatflows.message).toContain(
      'one of chatflows:view, chatflows:update, agentflows:view or agentflows:update',
    );
  });

  it('not_found: a 404, a 404 wrapped as 500, and a 200 with affected 0', async () => {
    fake.fault({ path: '/credentials', status: 404, json: { message: 'gone' } });
    await expectFailure(clientOf().listCredentials(), 'not_found', secrets);
    await expectFailure(clientOf().getCredential('nope'), 'not_found', secrets);
    await expectFailure(clientOf().deleteKey('nope'), 'not_found', secrets);
  });

  it('precondition_failed: a create the server finds incomplete', async () => {
    const error = await expectFailure(
      clientOf().createKey({ keyName: 'no-permissions' }),
      'precondition_failed',
      secrets,
    );
    expect(error.message).toContain('permissions must be an array of strings!');
  });

  it('server_error: a 500 that is not a "not found", and a proxy error', async () => {
    fake.fault({
      path: '/apikey',
      times: 1,
      status: 500,
      json: {
        statusCode: 500,
        success: false,
        message: 'Error: apikeyService.getAllApiKeys - SQLITE_BUSY: database is locked',
        stack: {},
      },
    });
    const error = await expectFailure(clientOf().listKeys(), 'server_error', secrets);
    expect(error.message).toContain('SQLITE_BUSY: database is locked');
    fake.fault({ path: '/apikey', times: 1, status: 502, body: 'Bad Gateway' });
    expect((await expectFailure(clientOf().listKeys(), 'server_error', secrets)).message).toContain(
      'unavailable',
    );
  });

  it('not_flowise: the web page with 200 where data was expected', async () => {
    fake.fault({ path: '/apikey', html: true });
    const error = await expectFailure(clientOf().listKeys(), 'not_flowise', secrets);
    expect(error.message).toMatch(/^This URL does not look like a Flowise API/);
  });

  it('timeout: a hanging route and a slow one; a little latency is fine', async () => {
    fake.fault({ path: '/apikey', times: 1, hang: true });
    const error = await expectFailure(clientOf({ timeoutMs: 300 }).listKeys(), 'timeout', secrets);
    expect(error.message).toBe(`${host} did not answer within 0.3 s.`);
    fake.fault({ path: '/apikey', times: 1, latencyMs: 600 });
    await expectFailure(clientOf({ timeoutMs: 200 }).listKeys(), 'timeout', secrets);
    fake.fault({ path: '/apikey', times: 1, latencyMs: 50 });
    await expect(clientOf().listKeys()).resolves.toEqual(expect.any(Array));
  });

  it('network: a reset connection, a refused one and an unknown name', async () => {
    fake.fault({ path: '/apikey', times: 1, reset: true });
    expect((await expectFailure(clientOf().listKeys(), 'network', secrets)).message).toContain(
      'was reset',
    );
    const closed = await startFakeFlowise();
    await closed.close();
    const refused = await expectFailure(
      clientOf({ baseUrl: closed.url }).ping(),
      'network',
      secrets,
    );
    expect(refused.message).toContain('refused the connection');
    const dns = clientOf({ baseUrl: 'https://flowise.invalid', timeoutMs: 15_000 });
    expect((await expectFailure(dns.ping(), 'network', secrets)).message).toContain(
      'could not be resolved',
    );
  }, 30_000);

  it('redirects: follows same-origin ones, refuses to carry the key elsewhere', async () => {
    fake.fault({
      path: '/apikey',
      times: 1,
      status: 307,
      headers: { location: `${fake.url}/api/v1/apikey` },
    });
    const before = fake.log.length;
    await clientOf().listKeys();
    expect(fake.log.slice(before).map((r) => r.headers.authorization)).toEqual([
      `Bearer ${fake.adminKey}`,
      `Bearer ${fake.adminKey}`,
    ]);
    fake.fault({
      path: '/apikey',
      status: 302,
      headers: { location: 'http://127.0.0.2:9/collect' },
    });
    const error = await expectFailure(clientOf().listKeys(), 'network', secrets);
    expect(error.message).toContain('127.0.0.2:9');
    expect(error.details?.target).toBe('127.0.0.2:9');
  });

  it('too_large: a body over the limit', async () => {
    fake.fault({
      path: '/apikey',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: `[${'0,'.repeat(600_000)}0]`,
    });
    const error = await expectFailure(
      clientOf({ maxBodyBytes: 1_000_000 }).listKeys(),
      'too_large',
      secrets,
    );
    expect(error.message).toContain('1000000 bytes');
  });

  it('bad_request: refused before anything is sent', async () => {
    const before = fake.log.length;
    expect(() => clientOf({ baseUrl: 'http://flowise.example.com' })).toThrow(/plain http/);
    expect(() => clientOf({ baseUrl: `http://user:pw@${host}` })).toThrow(/user name or password/);
    await expectFailure(clientOf().createKey({ keyName: ' ' }), 'bad_request', secrets);
    await expectFailure(clientOf().deleteKey(fake.adminKey), 'internal', secrets);
    expect(fake.log.length).toBe(before);
  });
});

describe('TLS against the fake Flowise', () => {
  let secure: FakeFlowise;
  beforeAll(async () => {
    secure = await startFakeFlowise({ tls: true });
  });
  afterAll(async () => {
    await secure.close();
  });

  it('tls: an untrusted certificate suggests the custom CA setting; with it, or pinned, all works', async () => {
    const base = { http, baseUrl: secure.url, apiKey: secure.adminKey, timeoutMs: 2000 };
    const error = await expectFailure(createFlowiseClient(base).describe(), 'tls', [
      secure.adminKey,
    ]);
    expect(error.message).toContain('custom CA');
    const trusted = createFlowiseClient({ ...base, tls: { ca: secure.certificate ?? '' } });
    expect((await trusted.describe()).generation).toBe('3.0.13+');
    const pin = new X509Certificate(secure.certificate ?? '').fingerprint256;
    const pinned = createFlowiseClient({ ...base, tls: { pin } });
    await expect(pinned.ping()).resolves.toBeUndefined();
  });
});
