// A fast fake Flowise: a real HTTP server on 127.0.0.1 with the routes the app calls and the real
// server's semantics and traps, older lines on request,
// scriptable faults per route, and a log of every request for assertions.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { versionAtLeast } from '../../main/core/flowise/generation.js';
import { selfSignedCertificate } from '../../main/core/flowise/testing/self-signed-cert.js';
import type { FaultSpec } from './fake-faults.js';
import { FaultTable } from './fake-faults.js';
import { createAnswerCache } from './fake-answer-cache.js';
import { etagOf, isFresh } from './fake-etag.js';
import type { FakeChatflow, FakeGeneration, FakeKey } from './fake-flowise-state.js';
import { directReplyFlow, FakeState } from './fake-flowise-state.js';
import type { GateConfig, GateInput } from './fake-flowise-gate.js';
import { answer } from './fake-flowise-gate.js';
import type { Reply } from './fake-flowise-http.js';
import { page } from './fake-flowise-http.js';
import { ALL_KEY_PERMISSIONS, DEFAULT_KEY_PERMISSIONS } from './fake-permissions.js';
import { chatflowRoutes } from './fake-routes-chatflows.js';
import { credentialRoutes } from './fake-routes-credentials.js';
import { keyRoutes } from './fake-routes-keys.js';
import { serverRoutes } from './fake-routes-server.js';

export type { FakeGeneration } from './fake-flowise-state.js';
export type { FaultSpec } from './fake-faults.js';
export { PLACEHOLDER } from './fake-routes-credentials.js';

export interface FakeFlowiseOptions {
  generation?: FakeGeneration;
  /** Defaults to 3.1.4, 3.0.12 or 2.2.8 by generation. */
  version?: string;
  /** 2.x only: APIKEY_STORAGE_TYPE, `json` (Flowise's default) or `db`. */
  apiKeyStorage?: 'json' | 'db';
  /** '' stands for an enterprise server with an invalid licence (`/settings` answers `{}`). */
  platform?: 'open source' | 'enterprise' | 'cloud' | '';
  seed?: { keys?: number; chatflows?: number; credentials?: number };
  /** Serve https with a fresh self-signed certificate for 127.0.0.1 and localhost. */
  tls?: boolean;
  /** 2.x with api.json: a key change reads the file, waits (2.x awaits the read and hashes the
   * key), then writes the whole file from what it read, so of two changes at once only the later
   * one stays, as on the real server (docs/flowise-versions.md). */
  apiJsonRace?: boolean;
  /** The bench only: keep each GET's answer until a change over HTTP (fake-answer-cache.ts). */
  cacheAnswers?: boolean;
}

export interface LoggedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakeFlowise {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** The certificate (PEM) when serving https. */
  readonly certificate: string | undefined;
  /** A key holding every permission, like the one a bootstrap creates. */
  readonly adminKey: string;
  readonly adminKeyId: string;
  readonly state: FakeState;
  readonly log: LoggedRequest[];
  /** Resolves once `count` requests in all have arrived (as counted in `log`). */
  received(count: number): Promise<void>;
  fault(spec: FaultSpec): void;
  clearFaults(): void;
  addKey(keyName: string, permissions?: readonly string[]): FakeKey;
  /** An agentflow that answers `reply` (Start → Direct Reply), optionally bound to a key. */
  addChatflow(
    name: string,
    options?: { reply?: string; apikeyid?: string | null; type?: string },
  ): FakeChatflow;
  close(): Promise<void>;
}

const VERSIONS: Record<FakeGeneration, string> = {
  '3.0.13+': '3.1.4',
  '3.0.1-3.0.12': '3.0.12',
  '2.0.6-3.0.0': '2.2.8',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  reply: Reply,
  request?: { method: string; ifNoneMatch?: string | undefined },
): void {
  const etag = etagOf(reply);
  if (request !== undefined && isFresh(request.method, request.ifNoneMatch, reply)) {
    res.writeHead(304, etag === undefined ? {} : { etag });
    res.end();
    return;
  }
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': String(Buffer.byteLength(reply.body)),
    ...(etag === undefined ? {} : { etag }),
    ...reply.headers,
  });
  res.end(reply.body);
}

/** Long enough for two requests sent together to both read before either writes. */
const API_JSON_WINDOW_MS = 30;

/** The whole api.json written from the copy read at the start of the request, with only this
 * request's own change: changes made meanwhile by others are lost. */
function writeFromRead(
  state: FakeState,
  read: ReadonlyMap<string, FakeKey>,
  before: ReadonlyMap<string, FakeKey>,
): void {
  const next = new Map(read);
  for (const id of before.keys()) if (!state.keys.has(id)) next.delete(id);
  for (const [id, key] of state.keys) if (!before.has(id)) next.set(id, key);
  state.keys.clear();
  for (const [id, key] of next) state.keys.set(id, key);
}

function faultReply(spec: FaultSpec): Reply | undefined {
  if (spec.html === true) return page();
  if (spec.status === undefined) return undefined;
  const isJson = spec.json !== undefined;
  return {
    status: spec.status,
    contentType: isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    body: isJson ? JSON.stringify(spec.json) : (spec.body ?? ''),
    ...(spec.headers === undefined ? {} : { headers: spec.headers }),
  };
}

function seed(state: FakeState, counts: NonNullable<FakeFlowiseOptions['seed']>): void {
  const keys = Array.from({ length: counts.keys ?? 0 }, (_, i) =>
    state.addKey(`seed-key-${String(i + 1)}`, DEFAULT_KEY_PERMISSIONS),
  );
  for (let i = 0; i < (counts.chatflows ?? 0); i += 1) {
    const bound = i % 2 === 0 ? keys[i % Math.max(keys.length, 1)] : undefined;
    state.addChatflow({
      name: `seed-flow-${String(i + 1)}`,
      type: 'AGENTFLOW',
      flowData: directReplyFlow('pong-from-fake'),
      apikeyid: bound?.id ?? null,
    });
  }
  for (let i = 0; i < (counts.credentials ?? 0); i += 1)
    state.addCredential(`seed-credential-${String(i + 1)}`, 'openAIApi', {
      openAIApiKey: `sk-seed-${String(i)}`,
    });
}

export async function startFakeFlowise(options: FakeFlowiseOptions = {}): Promise<FakeFlowise> {
  const generation = options.generation ?? '3.0.13+';
  const version = options.version ?? VERSIONS[generation];
  const state = new FakeState(generation, options.apiKeyStorage);
  const admin = state.addKey('admin', ALL_KEY_PERMISSIONS);
  seed(state, options.seed ?? {});
  const config: GateConfig = {
    state,
    version,
    platform: options.platform ?? 'open source',
    routes: [
      ...serverRoutes(generation, versionAtLeast(version, [2, 1, 2])),
      ...keyRoutes,
      ...chatflowRoutes,
      ...credentialRoutes(version),
    ],
  };
  const faults = new FaultTable();
  const cache = options.cacheAnswers === true ? createAnswerCache() : undefined;
  const respond = (input: GateInput): Reply =>
    cache === undefined
      ? answer(config, input)
      : cache.answer(input.method, input.url.pathname + input.url.search, input.headers, () =>
          answer(config, input),
        );
  const log: LoggedRequest[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();

  const certificate = options.tls === true ? selfSignedCertificate() : undefined;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const raw = await readBody(req);
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      );
      log.push({ method, url: req.url ?? '/', headers, body: raw });
      for (const waiter of waiting.filter((w) => w.count <= log.length)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      const path = url.pathname.startsWith('/api/v1') ? url.pathname.slice(7) : url.pathname;
      const fault = faults.take(method, path);
      if (fault?.latencyMs !== undefined) await sleep(fault.latencyMs);
      if (fault?.hang === true) return;
      if (fault?.reset === true) {
        req.socket.destroy();
        return;
      }
      const scripted = fault === undefined ? undefined : faultReply(fault);
      if (scripted !== undefined) {
        send(res, scripted);
        return;
      }
      const racing =
        options.apiJsonRace === true &&
        state.apiKeyStorage === 'json' &&
        method !== 'GET' &&
        path.startsWith('/apikey');
      const read = racing ? new Map(state.keys) : undefined;
      if (read !== undefined) await sleep(API_JSON_WINDOW_MS);
      // Copied only for the race: a copy of every key per request would be most of the bench
      // fakes' work.
      const before = read === undefined ? undefined : new Map(state.keys);
      const reply = respond({ method, url, headers, raw });
      if (read !== undefined && before !== undefined) writeFromRead(state, read, before);
      send(res, reply, { method, ifNoneMatch: headers['if-none-match'] });
    })().catch(() => req.socket.destroy());
  };
  const server =
    certificate === undefined ? createServer(handler) : createTlsServer(certificate, handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${certificate === undefined ? 'http' : 'https'}://127.0.0.1:${String(port)}`,
    certificate: certificate?.cert,
    adminKey: admin.apiKey,
    adminKeyId: admin.id,
    state,
    log,
    received: (count) =>
      count <= log.length
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    fault: (spec) => {
      faults.add(spec);
    },
    clearFaults: () => {
      faults.clear();
    },
    addKey: (keyName, permissions) => {
      cache?.forget();
      return state.addKey(keyName, permissions);
    },
    addChatflow: (name, o = {}) => {
      cache?.forget();
      return state.addChatflow({
        name,
        type: o.type ?? 'AGENTFLOW',
        flowData: directReplyFlow(o.reply ?? 'pong-from-fake'),
        apikeyid: o.apikeyid ?? null,
      });
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
