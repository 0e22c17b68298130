// The HttpPort over node:http and node:https. No redirects are followed here, and no header or body
// ever reaches an error message: errors name the host and what went wrong.
import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { rootCertificates } from 'node:tls';

import type { HttpPort, HttpRequest, HttpResponse } from '../ports.js';
import { networkError, timeoutError, tooLargeError } from './node-errors.js';
import { connectPinned, probeCertificate } from './node-http-pin.js';

function headersOf(response: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Where GETs keep their connections open for the next GET to the same server. */
interface Pools {
  http: http.Agent;
  https: https.Agent;
}

/** Idle connections are closed after this, well before servers close theirs (Node's own servers,
 * Flowise's among them, after 5 s, and they say so in a hint the agent also follows), so a GET
 * seldom meets a connection the server is closing. */
const IDLE_MS = 1000;

function createPools(): Pools {
  return {
    http: new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
    https: new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
  };
}

function send(
  request: HttpRequest,
  url: URL,
  /** A pinned socket already checked; the request then travels over it and nothing else. */
  pinned: TLSSocket | undefined,
  timeoutMs: number,
  pools: Pools,
): Promise<HttpResponse> {
  const host = url.host;
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const fail = (error: Error): void => {
      settle(() => {
        reject(error);
      });
      req.destroy();
    };
    const req = transport.request(
      url,
      pinned === undefined
        ? {
            method: request.method,
            headers: request.headers,
            // A GET reuses an open connection: a refresh of many lists costs one connection
            // per server, not one per list. A write always opens a fresh one, so it never meets
            // a connection closing under it, where whether it was carried out is unknown. An
            // https pool holds apart the connections made under different authorities (`ca`).
            agent: request.method === 'GET' ? (secure ? pools.https : pools.http) : false,
            // Node's `ca` replaces the system's authorities; the instance's CA adds to them.
            ...(secure && request.tls?.ca !== undefined
              ? { ca: [...rootCertificates, request.tls.ca] }
              : {}),
          }
        : // No agent: `createConnection` is used only without one.
          { method: request.method, headers: request.headers, createConnection: () => pinned },
      (response) => {
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > request.maxBodyBytes) {
          fail(tooLargeError(host, request.maxBodyBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBodyBytes) fail(tooLargeError(host, request.maxBodyBytes));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          settle(() => {
            resolve({
              status: response.statusCode ?? 0,
              headers: headersOf(response),
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        });
        // A body cut short (the server closed or reset mid-answer) must not pass for a whole one.
        response.on('close', () => {
          if (!response.complete)
            fail(networkError(host, Object.assign(new Error('cut short'), { code: 'ECONNRESET' })));
        });
        response.on('error', (error: NodeJS.ErrnoException) => {
          fail(networkError(host, error));
        });
      },
    );
    // One deadline for the whole exchange: a server trickling bytes cannot hold the call open.
    const deadline = setTimeout(() => {
      fail(timeoutError(host, request.timeoutMs));
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(networkError(host, error));
    });
    req.end(request.body);
  });
}

async function exchange(request: HttpRequest, pools: Pools): Promise<HttpResponse> {
  const url = new URL(request.url);
  const pin = url.protocol === 'https:' ? request.tls?.pin : undefined;
  if (pin === undefined) return send(request, url, undefined, request.timeoutMs, pools);
  // One deadline for handshake and exchange together, as without a pin.
  const started = Date.now();
  const socket = await connectPinned(url, pin, request.timeoutMs);
  const left = request.timeoutMs - (Date.now() - started);
  if (left <= 0) {
    socket.destroy();
    throw timeoutError(url.host, request.timeoutMs);
  }
  return send(request, url, socket, left, pools);
}

/** Each port keeps its own open connections (idle ones never keep the process alive). */
export function createNodeHttp(): HttpPort {
  const pools = createPools();
  return { request: (request) => exchange(request, pools), probeCertificate };
}
