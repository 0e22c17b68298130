// A loopback HTTP proxy in front of a real server, for fault tests: every request is forwarded
// and logged, except the one an armed rule picks (its method and path, and which matching request
// it is), which gets the rule's fault instead. Unlike a fake server's handler, it can let the
// server apply a change and then lose the reply, which is what a dropped connection really does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind = '500' | 'timeout' | 'html' | 'applied-reply-lost';

export const FAULT_KINDS: readonly FaultKind[] = ['500', 'timeout', 'html', 'applied-reply-lost'];

export interface FaultRule {
  method: string;
  /** Matched against the path without its query, e.g. /^\/api\/v1\/apikey$/. */
  path: RegExp;
  /** Which matching request (1 = the first after arming) gets the fault. */
  nth: number;
  kind: FaultKind;
}

export interface ProxyRecord {
  method: string;
  path: string;
  authorized: boolean;
  /** The fault this request got, if any. */
  fault?: FaultKind;
  /** The server's status, when the request reached it (a fault that forwards included). */
  status?: number;
  /** How long the server took, when it was asked. */
  serverMs?: number;
}

export interface FaultProxy {
  readonly url: string;
  /** Every request since start (or the last clearLog), in arrival order. */
  readonly log: readonly ProxyRecord[];
  /** One rule at a time; it fires once. Counting starts now. */
  arm(rule: FaultRule): void;
  disarm(): void;
  /** The request the armed rule hit, once it has. */
  fired(): ProxyRecord | undefined;
  /** Forgets the requests seen, and which one a rule hit. */
  clearLog(): void;
  close(): Promise<void>;
}

const HTML_PAGE =
  '<!DOCTYPE html><html lang="en"><head><title>Flowise</title></head><body><div id="root"></div></body></html>';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  headers.host = target.host;
  return new Promise((resolve, reject) => {
    const out = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers, agent: false },
      (response) => {
        readBody(response).then((data) => {
          const kept: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(response.headers))
            if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
          resolve({ status: response.statusCode ?? 502, headers: kept, body: data });
        }, reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** Starts the proxy on 127.0.0.1 (a free port) in front of `targetUrl` (its origin is used). */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let log: ProxyRecord[] = [];
  let rule: FaultRule | undefined;
  let seen = 0;
  let hit: ProxyRecord | undefined;

  const pick = (record: ProxyRecord): FaultKind | undefined => {
    if (rule === undefined || rule.method !== record.method || !rule.path.test(record.path))
      return undefined;
    seen += 1;
    if (seen !== rule.nth) return undefined;
    const { kind } = rule;
    rule = undefined;
    hit = record;
    return kind;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const record: ProxyRecord = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://proxy').pathname,
      authorized: req.headers.authorization !== undefined,
    };
    log.push(record);
    const body = await readBody(req);
    const kind = pick(record);
    if (kind !== undefined) record.fault = kind;
    if (kind === '500') {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ statusCode: 500, success: false, message: 'Injected fault' }));
      return;
    }
    if (kind === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return;
    }
    // Held, never forwarded: the client gives up on its own timeout and closes the socket.
    if (kind === 'timeout') return;
    let upstream: Upstream;
    const asked = performance.now();
    try {
      upstream = await forward(target, req, body);
    } catch {
      res.destroy();
      return;
    }
    record.status = upstream.status;
    record.serverMs = Math.round(performance.now() - asked);
    if (kind === 'applied-reply-lost') {
      // The server has done it; the client never hears so.
      req.socket.destroy();
      return;
    }
    res.writeHead(upstream.status, upstream.headers);
    res.end(upstream.body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${String(port)}`,
    get log() {
      return log;
    },
    arm(next) {
      rule = next;
      seen = 0;
      hit = undefined;
    },
    disarm() {
      rule = undefined;
    },
    fired: () => hit,
    clearLog() {
      log = [];
      hit = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
