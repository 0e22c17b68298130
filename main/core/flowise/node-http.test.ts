import { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { AppError } from '../../../common/errors.js';
import { isAppError } from '../../../common/errors.js';
import type { HttpRequest } from '../ports.js';
import { networkError } from './node-errors.js';
import { createNodeHttp } from './node-http.js';
import { selfSignedCertificate } from './testing/self-signed-cert.js';

const http = createNodeHttp();
const servers: Server[] = [];

async function serve(
  handler: (res: ServerResponse, body: string, req: unknown) => void,
  server?: Server,
) {
  const s =
    server ??
    createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        handler(res, body, req);
      });
    });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url,
  headers: {},
  timeoutMs: 2000,
  maxBodyBytes: 1024,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the node HttpPort', () => {
  it('sends method, headers and body, and returns status, lower-case headers and body', async () => {
    const port = await serve((res, body, req) => {
      const { method, headers } = req as { method: string; headers: Record<string, string> };
      res.writeHead(201, {
        'X-Echo': `${method} ${headers['x-test'] ?? ''}`,
        'Content-Type': 'text/plain',
      });
      res.end(body);
    });
    const response = await http.request(
      get(`http://127.0.0.1:${port}/x`, {
        method: 'POST',
        headers: { 'x-test': 'yes' },
        body: 'hello',
      }),
    );
    expect(response).toMatchObject({ status: 201, body: 'hello' });
    expect(response.headers['x-echo']).toBe('POST yes');
  });

  it('does not follow redirects', async () => {
    const port = await serve((res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    const response = await http.request(get(`http://127.0.0.1:${port}/`));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://127.0.0.1:1/elsewhere');
  });

  it('times out a server that never answers, and one that trickles', async () => {
    const silent = await serve(() => undefined);
    const error = await failure(
      http.request(get(`http://127.0.0.1:${silent}/`, { timeoutMs: 200 })),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`127.0.0.1:${silent} did not answer within 0.2 s.`);
    const trickle = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => {
        clearInterval(timer);
      });
    });
    const started = Date.now();
    expect(
      (await failure(http.request(get(`http://127.0.0.1:${trickle}/`, { timeoutMs: 300 })))).code,
    ).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses bodies over the limit, declared or streamed', async () => {
    const declared = await serve((res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.end('x'.repeat(5000));
    });
    expect((await failure(http.request(get(`http://127.0.0.1:${declared}/`)))).code).toBe(
      'too_large',
    );
    const chunked = await serve((res) => {
      res.writeHead(200);
      res.write('x'.repeat(800));
      res.end('y'.repeat(800));
    });
    const error = await failure(http.request(get(`http://127.0.0.1:${chunked}/`)));
    expect(error).toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('1024 bytes'),
    });
  });

  it('reports refused and reset connections, and bodies cut short', async () => {
    const closed = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const refused = await failure(http.request(get(`http://127.0.0.1:${closed}/`)));
    expect(refused.message).toBe(
      `127.0.0.1:${closed} refused the connection. Is Flowise running there?`,
    );
    const reset = await serve((res) => {
      res.socket?.destroy();
    });
    const error = await failure(http.request(get(`http://127.0.0.1:${reset}/`)));
    expect(error).toMatchObject({ code: 'network', message: expect.stringContaining('was reset') });
    const cut = await serve((res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await failure(http.request(get(`http://127.0.0.1:${cut}/`)))).message).toContain(
      'was reset',
    );
  });

  it('sends GETs one after another over one connection, and each write over a new one', async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    server.on('connection', () => {
      connections += 1;
    });
    const port = await serve(() => undefined, server);
    const url = `http://127.0.0.1:${port}/`;
    const own = createNodeHttp();
    for (let i = 0; i < 5; i++) expect((await own.request(get(url))).status).toBe(200);
    expect(connections).toBe(1);
    for (let i = 0; i < 2; i++)
      expect((await own.request(get(url, { method: 'POST', body: '{}' }))).status).toBe(200);
    expect(connections).toBe(3);
    // A port of its own has its own connections.
    await createNodeHttp().request(get(url));
    expect(connections).toBe(4);
  });

  it('waits for a GET answered after longer than an idle connection is kept', async () => {
    const port = await serve((res) => {
      setTimeout(() => res.end('{"late":true}'), 1500);
    });
    const answer = await http.request(get(`http://127.0.0.1:${port}/`, { timeoutMs: 5000 }));
    expect(answer.body).toBe('{"late":true}');
  });

  it('phrases DNS, reachability and TLS codes for people', () => {
    const of = (code: string) =>
      networkError('h.example:443', Object.assign(new Error('x'), { code }));
    expect(of('ENOTFOUND').message).toBe('The name h.example:443 could not be resolved.');
    expect(of('EHOSTUNREACH').code).toBe('network');
    expect(of('CERT_HAS_EXPIRED')).toMatchObject({
      code: 'tls',
      message: expect.stringContaining('expired'),
    });
    expect(of('UNABLE_TO_GET_ISSUER_CERT_LOCALLY').message).toContain('custom CA');
    expect(of('ERR_SSL_WRONG_VERSION_NUMBER').code).toBe('tls');
  });
});

describe('the node HttpPort over TLS', () => {
  async function tlsServer(cert = selfSignedCertificate()) {
    const server = createTlsServer({ cert: cert.cert, key: cert.key }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    return { port: await serve(() => undefined, server), cert };
  }

  it('refuses an untrusted certificate and suggests the custom CA setting', async () => {
    const { port } = await tlsServer();
    const error = await failure(http.request(get(`https://127.0.0.1:${port}/`)));
    expect(error.code).toBe('tls');
    expect(error.message).toContain('custom CA');
    expect(error.details?.reason).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('trusts it with its CA added', async () => {
    const { port, cert } = await tlsServer();
    const url = `https://127.0.0.1:${port}/`;
    expect((await http.request(get(url, { tls: { ca: cert.cert } }))).body).toBe('{"ok":true}');
  });

  it('names an expired certificate and one issued for another name', async () => {
    const expired = selfSignedCertificate({
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const old = await tlsServer(expired);
    const error = await failure(
      http.request(get(`https://127.0.0.1:${old.port}/`, { tls: { ca: expired.cert } })),
    );
    expect(error).toMatchObject({ code: 'tls', details: { reason: 'CERT_HAS_EXPIRED' } });
    const other = await tlsServer(selfSignedCertificate({ names: ['flowise.example.com'] }));
    const mismatch = await failure(
      http.request(get(`https://127.0.0.1:${other.port}/`, { tls: { ca: other.cert.cert } })),
    );
    expect(mismatch).toMatchObject({
      code: 'tls',
      details: { reason: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    });
  });
});

describe('the node HttpPort with a pinned certificate', () => {
  /** An https server that records the headers of every request it receives. */
  async function recordingServer() {
    const cert = selfSignedCertificate();
    const seen: IncomingHttpHeaders[] = [];
    const server = createTlsServer({ cert: cert.cert, key: cert.key }, (req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const port = await serve(() => undefined, server);
    const sha256 = new X509Certificate(cert.cert).fingerprint256;
    return { url: `https://127.0.0.1:${port}/`, sha256, seen };
  }

  it('a pinned self-signed certificate is trusted without a CA, in any case or separator', async () => {
    const server = await recordingServer();
    const pin = server.sha256.replace(/:/g, '').toLowerCase();
    const response = await http.request(
      get(server.url, { headers: { authorization: 'Bearer pinned-ok' }, tls: { pin } }),
    );
    expect(response.body).toBe('{"ok":true}');
    expect(server.seen.map((h) => h.authorization)).toEqual(['Bearer pinned-ok']);
  });

  it('a certificate other than the pinned one is refused before any header is sent', async () => {
    const first = await recordingServer();
    const second = await recordingServer();
    const error = await failure(
      http.request(
        get(second.url, {
          method: 'POST',
          headers: { authorization: 'Bearer must-not-leave' },
          body: '{}',
          tls: { pin: first.sha256 },
        }),
      ),
    );
    expect(error).toMatchObject({
      code: 'tls',
      details: { reason: 'CERT_PIN_MISMATCH', pinned: first.sha256, presented: second.sha256 },
    });
    expect(error.message).toContain(first.sha256);
    expect(error.message).toContain(second.sha256);
    expect(error.message).not.toContain('must-not-leave');
    // Server side: not one request reached it, so no Authorization header either.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.seen).toEqual([]);
  });

  it('a pin does not loosen plain http: it applies to https only', async () => {
    const port = await serve((res) => {
      res.end('plain');
    });
    const response = await http.request(get(`http://127.0.0.1:${port}/`, { tls: { pin: 'AA' } }));
    expect(response.body).toBe('plain');
  });

  it('the probe reads the certificate in a handshake and sends no HTTP request', async () => {
    const server = await recordingServer();
    const probe = await http.probeCertificate?.({ url: server.url, timeoutMs: 2000 });
    expect(probe).toMatchObject({
      trusted: false,
      reason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      certificate: { sha256: server.sha256, subject: 'CN=fkv test', issuer: 'CN=fkv test' },
    });
    expect(probe?.certificate.validFrom).toMatch(/^\d{4}-\d\d-\d\dT/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.seen).toEqual([]);
  });
});
