// Fake Flowise servers answered in memory: the same gate, routes and state as the fake HTTP server
// in test/fakes, behind an HttpPort instead of a socket, so renderer tests need no network and no
// real timers. Test code only.
import type { CredentialTypeEntry } from '../../common/ipc/schemas/credentials.js';
import { toTypeEntry } from '../../main/core/credentials/credential-types.js';
import { CredentialType } from '../../main/core/flowise/flowise-schemas.js';
import { versionAtLeast } from '../../main/core/flowise/generation.js';
import { networkError } from '../../main/core/flowise/node-errors.js';
import { pinMismatchError } from '../../main/core/flowise/node-http-pin.js';
import type {
  HttpPort,
  HttpRequest,
  HttpResponse,
  PeerCertificate,
} from '../../main/core/ports.js';
import type {
  FakeChatflow,
  FakeCredential,
  FakeGeneration,
  FakeKey,
} from '../../test/fakes/fake-flowise-state.js';
import { directReplyFlow, FakeState } from '../../test/fakes/fake-flowise-state.js';
import type { GateConfig } from '../../test/fakes/fake-flowise-gate.js';
import type { Reply } from '../../test/fakes/fake-flowise-http.js';
import { page } from '../../test/fakes/fake-flowise-http.js';
import { answer } from '../../test/fakes/fake-flowise-gate.js';
import type { FaultSpec } from '../../test/fakes/fake-faults.js';
import { FaultTable } from '../../test/fakes/fake-faults.js';
import { credentialType } from '../../test/fakes/fake-credential-types.js';
import { ALL_KEY_PERMISSIONS } from '../../test/fakes/fake-permissions.js';
import { chatflowRoutes } from '../../test/fakes/fake-routes-chatflows.js';
import { credentialRoutes } from '../../test/fakes/fake-routes-credentials.js';
import { keyRoutes } from '../../test/fakes/fake-routes-keys.js';
import { serverRoutes } from '../../test/fakes/fake-routes-server.js';

export type { FakeChatflow, FakeKey } from '../../test/fakes/fake-flowise-state.js';
export type { FaultSpec } from '../../test/fakes/fake-faults.js';
export { ALL_KEY_PERMISSIONS, DEFAULT_KEY_PERMISSIONS } from '../../test/fakes/fake-permissions.js';

export interface MemoryServerOptions {
  generation?: FakeGeneration;
  version?: string;
  platform?: 'open source' | 'enterprise' | 'cloud' | '';
  /** The value of the admin key; random by default. */
  adminKey?: string;
}

export interface MemoryServer {
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  readonly state: FakeState;
  /** The key holding every permission that instances are saved with. */
  readonly adminKey: FakeKey;
  /** Every request, as "METHOD /path" under /api/v1, with the key it carried. */
  readonly log: { method: string; path: string; bearer: string | undefined }[];
  /** While set, every request fails as a refused connection. */
  down: boolean;
  /** A self-signed certificate this server presents at its https address: a request goes
   * through only when pinned to it, as node-http-pin.ts does. Unset: a publicly trusted one. */
  certificate: PeerCertificate | undefined;
  /** Scripted misbehaviour of a route, as on the fake HTTP server: a status and body, the web
   * page, or a reset connection (latency and hanging need a socket and are not played here). */
  fault(spec: FaultSpec): void;
  /** A key made on the server outside the app; `value` replaces its random value. */
  addKey(keyName: string, permissions?: readonly string[], value?: string): FakeKey;
  /** An agentflow (Start → Direct Reply), optionally bound to a key. */
  addChatflow(name: string, options?: { apikeyid?: string | null; type?: string }): FakeChatflow;
  keyNamed(keyName: string): FakeKey | undefined;
  /** A credential saved on the server, holding `data` (its secrets included). */
  addCredential(
    name: string,
    credentialName: string,
    data: Record<string, unknown>,
  ): FakeCredential;
  /** A chatflow whose flowData names the credential, the way Flowise's v1 nodes do. */
  useCredentialIn(credentialId: string, flowName: string): FakeChatflow;
  /** A field of a credential's data as the server keeps it. */
  storedValue(credentialId: string, field: string): unknown;
  /** The key value the latest request carried. */
  lastBearer(): string | undefined;
}

const VERSIONS: Record<FakeGeneration, string> = {
  '3.0.13+': '3.1.4',
  '3.0.1-3.0.12': '3.0.12',
  '2.0.6-3.0.0': '2.2.8',
};

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

function createServer(
  url: string,
  options: MemoryServerOptions,
): MemoryServer & {
  answer(request: HttpRequest): HttpResponse;
} {
  const generation = options.generation ?? '3.0.13+';
  const version = options.version ?? VERSIONS[generation];
  const state = new FakeState(generation);
  const adminKey = state.addKey('admin', ALL_KEY_PERMISSIONS);
  if (options.adminKey !== undefined) adminKey.apiKey = options.adminKey;
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
  const log: MemoryServer['log'] = [];
  const faults = new FaultTable();
  const server = {
    url,
    state,
    adminKey,
    log,
    down: false,
    certificate: undefined,
    fault: (spec: FaultSpec) => {
      faults.add(spec);
    },
    addKey: (keyName: string, permissions?: readonly string[], value?: string) => {
      const key = state.addKey(keyName, permissions);
      if (value !== undefined) key.apiKey = value;
      return key;
    },
    addChatflow: (name: string, o: { apikeyid?: string | null; type?: string } = {}) =>
      state.addChatflow({
        name,
        type: o.type ?? 'AGENTFLOW',
        flowData: directReplyFlow('pong-from-fake'),
        apikeyid: o.apikeyid ?? null,
      }),
    keyNamed: (keyName: string) => [...state.keys.values()].find((k) => k.keyName === keyName),
    addCredential: (name: string, credentialName: string, data: Record<string, unknown>) =>
      state.addCredential(name, credentialName, data),
    useCredentialIn: (credentialId: string, flowName: string) =>
      state.addChatflow({
        name: flowName,
        type: 'CHATFLOW',
        flowData: JSON.stringify({
          nodes: [
            {
              id: 'chatOpenAI_0',
              data: { name: 'chatOpenAI', credential: credentialId, inputs: {} },
            },
          ],
          edges: [],
        }),
      }),
    storedValue: (credentialId: string, field: string) =>
      state.credentials.get(credentialId)?.data[field],
    lastBearer: () => log.at(-1)?.bearer,
    answer(request: HttpRequest): HttpResponse {
      const parsed = new URL(request.url);
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const bearer = headers.authorization?.split('Bearer ').pop();
      const path = parsed.pathname.slice('/api/v1'.length);
      log.push({ method: request.method, path, bearer });
      const fault = faults.take(request.method, path);
      if (fault?.reset === true)
        throw networkError(parsed.host, Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
      const scripted = fault === undefined ? undefined : faultReply(fault);
      const reply =
        scripted ??
        answer(config, {
          method: request.method,
          url: parsed,
          headers,
          raw: request.body ?? '',
        });
      return {
        status: reply.status,
        headers: {
          'content-type': reply.contentType,
          ...Object.fromEntries(
            Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
          ),
        },
        body: reply.body,
      };
    },
  };
  return server;
}

export interface MemoryFlowise {
  readonly http: HttpPort;
  /** The server every test starts with. */
  readonly main: MemoryServer;
  /** Whether a server runs at `url`'s origin. */
  has(url: string): boolean;
  /** The server at `url`'s origin, started on first use (with the options of the first). */
  server(url: string, options?: MemoryServerOptions): MemoryServer;
}

const SELF_SIGNED = 'DEPTH_ZERO_SELF_SIGNED_CERT';
const PUBLIC_CERTIFICATE: PeerCertificate = {
  sha256: Array.from({ length: 32 }, () => '00').join(':'),
  subject: '',
  issuer: 'CN=A public authority',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
};

export const MAIN_FLOWISE_URL = 'http://127.0.0.1:3000';

export function createMemoryFlowise(options: MemoryServerOptions = {}): MemoryFlowise {
  const servers = new Map<string, ReturnType<typeof createServer>>();
  const server = (url: string, o: MemoryServerOptions = options): MemoryServer => {
    const { origin } = new URL(url);
    const found = servers.get(origin);
    if (found !== undefined) return found;
    const started = createServer(origin, o);
    servers.set(origin, started);
    return started;
  };
  const main = server(MAIN_FLOWISE_URL, options);
  const reach = (url: string) => {
    const { origin, host } = new URL(url);
    const found = servers.get(origin);
    if (found === undefined || found.down)
      throw networkError(host, Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    return { found, host };
  };
  const http: HttpPort = {
    request: async (request) => {
      await Promise.resolve();
      const { found, host } = reach(request.url);
      const presented = found.certificate?.sha256;
      const pin = request.tls?.pin;
      if (presented !== undefined && pin === undefined)
        throw networkError(host, Object.assign(new Error('untrusted'), { code: SELF_SIGNED }));
      if (presented !== undefined && pin !== undefined && pin !== presented)
        throw pinMismatchError(host, pin, presented);
      return found.answer(request);
    },
    probeCertificate: async ({ url }) => {
      await Promise.resolve();
      const { found } = reach(url);
      if (found.certificate === undefined)
        return {
          trusted: true,
          certificate: { ...PUBLIC_CERTIFICATE, subject: `CN=${found.url}` },
        };
      return { trusted: false, reason: SELF_SIGNED, certificate: found.certificate };
    },
  };
  return { http, main, server, has: (url) => servers.has(new URL(url).origin) };
}

/** A credential type the fake servers serve, read and converted as main hands it to the renderer. */
export function credentialTypeEntry(name: string): CredentialTypeEntry | undefined {
  const found = credentialType(name);
  return found === undefined ? undefined : toTypeEntry(CredentialType.parse(found));
}
