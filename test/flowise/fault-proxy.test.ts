import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import type { FaultProxy } from './fault-proxy.js';
import { startFaultProxy } from './fault-proxy.js';

/** What the server behind the proxy received. */
const applied: string[] = [];
let upstream: http.Server;
let proxy: FaultProxy;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      applied.push(`${req.method ?? ''} ${req.url ?? ''} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ got: body, host: req.headers.host }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  proxy = await startFaultProxy(`http://127.0.0.1:${String(port)}`);
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});
beforeEach(() => {
  applied.length = 0;
  proxy.clearLog();
  proxy.disarm();
});

const send = (method: string, path: string, body?: string, timeoutMs = 5000) =>
  fetch(`${proxy.url}${path}`, {
    method,
    headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
    ...(body === undefined ? {} : { body }),
  });

it('forwards requests and their bodies, and logs each with whether it carried a key', async () => {
  const response = await send('POST', '/api/v1/apikey?x=1', '{"a":1}');
  expect(response.status).toBe(200);
  const { port } = upstream.address() as AddressInfo;
  // The server sees its own address as the host, as if called directly.
  expect(await response.json()).toEqual({ got: '{"a":1}', host: `127.0.0.1:${String(port)}` });
  expect(applied).toEqual(['POST /api/v1/apikey?x=1 {"a":1}']);
  expect(proxy.log).toEqual([
    {
      method: 'POST',
      path: '/api/v1/apikey',
      authorized: true,
      status: 200,
      serverMs: expect.any(Number) as number,
    },
  ]);
});

it('answers the nth matching request with a 500 it never forwards, and only that one', async () => {
  proxy.arm({ method: 'GET', path: /^\/api\/v1\/chatflows$/, nth: 2, kind: '500' });
  expect((await send('GET', '/api/v1/apikey')).status).toBe(200);
  expect((await send('GET', '/api/v1/chatflows')).status).toBe(200);
  const faulted = await send('GET', '/api/v1/chatflows');
  expect(faulted.status).toBe(500);
  expect(await faulted.json()).toMatchObject({ message: 'Injected fault' });
  expect((await send('GET', '/api/v1/chatflows')).status).toBe(200);
  expect(applied).toHaveLength(3);
  expect(proxy.fired()).toMatchObject({ path: '/api/v1/chatflows', fault: '500' });
  expect(proxy.log.filter((r) => r.status === undefined)).toHaveLength(1);
  proxy.clearLog();
  expect(proxy.fired()).toBeUndefined();
});

it('answers with an HTML page, as Flowise does for a route it does not know', async () => {
  proxy.arm({ method: 'GET', path: /apikey/, nth: 1, kind: 'html' });
  const response = await send('GET', '/api/v1/apikey');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  expect(await response.text()).toMatch(/<html/);
  expect(applied).toEqual([]);
});

it('holds a request unanswered and unforwarded until the client gives up', async () => {
  proxy.arm({ method: 'DELETE', path: /apikey/, nth: 1, kind: 'timeout' });
  await expect(send('DELETE', '/api/v1/apikey/k1', undefined, 300)).rejects.toThrow();
  expect(applied).toEqual([]);
  expect(proxy.log[0]).toMatchObject({ fault: 'timeout' });
  expect(proxy.log[0]?.status).toBeUndefined();
});

it('lets the server apply a change, then drops the connection instead of the reply', async () => {
  proxy.arm({ method: 'PUT', path: /chatflows/, nth: 1, kind: 'applied-reply-lost' });
  await expect(send('PUT', '/api/v1/chatflows/f1', '{"apikeyid":"k2"}')).rejects.toThrow();
  expect(applied).toEqual(['PUT /api/v1/chatflows/f1 {"apikeyid":"k2"}']);
  expect(proxy.log[0]).toMatchObject({ fault: 'applied-reply-lost', status: 200 });
  // The proxy keeps working for the next request.
  expect((await send('PUT', '/api/v1/chatflows/f1', '{}')).status).toBe(200);
});
