// The loopback harness: the real core, real files in a temp folder, and the built renderer,
// joined by a WebSocket on 127.0.0.1 that needs a per-run token. Test tooling only; never packaged.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { ApiImpl } from '../../common/ipc/contract.js';
import { contract } from '../../common/ipc/contract.js';
import { serveContract } from '../../common/ipc/rpc.js';
import type { Core } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import { createNodeCommands } from '../../main/core/delivery/node-commands.js';
import { createNodeTargetFiles } from '../../main/core/delivery/node-target-files.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { systemClock } from '../../main/core/node-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import type { Clock, HttpPort, KeyProtector } from '../../main/core/ports.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeStateStore } from '../../main/core/node-state-store.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import type { KdfPolicy } from '../../main/core/vault/vault.js';
import type { HarnessConfirmations } from './harness-confirmations.js';
import { createHarnessConfirmations } from './harness-confirmations.js';
import { createStaticHandler } from './static-files.js';
import type { HandlerWrapper, WireTap } from './ws-transport.js';
import { createWsTransport } from './ws-transport.js';

const repoRoot = resolve(import.meta.dirname, '../..');

export interface HarnessOptions {
  /** Defaults to a fresh temp folder, removed on close. */
  dataDir?: string;
  /** 'fake' lets tests move time; 'system' is for people using start:web. */
  clock?: 'fake' | 'system';
  protector?: KeyProtector;
  kdf?: KdfPolicy;
  port?: number;
  wrapHandler?: HandlerWrapper;
  /** Test-only: wraps the core's methods (after validation), e.g. with spies for the IPC fuzzer. */
  wrapImpl?: (impl: ApiImpl) => ApiImpl;
  /** Test-only: wraps the core's HTTP port, e.g. to note the secrets Flowise answers. */
  wrapHttp?: (http: HttpPort) => HttpPort;
  /** Test-only: sees every message sent to the page. */
  wireTap?: WireTap;
}

export interface Harness {
  /** Open this in a browser; the token travels in the fragment, never to the server log. */
  url: string;
  origin: string;
  dataDir: string;
  clock: Clock;
  fakeClock: FakeClock | undefined;
  core: Core;
  events: RecordingEventSink;
  logger: MemoryLogger;
  /** Main's clipboard, as the app would see the system one. */
  clipboard: MemoryClipboard;
  /** Main's "Run a command" box: the test answers it (no by default) and reads what it showed. */
  confirmations: HarnessConfirmations;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'fkv-harness-')));
  const token = randomBytes(24).toString('base64url');
  const fakeClock = options.clock === 'system' ? undefined : new FakeClock(Date.now());
  const clock = fakeClock ?? systemClock;
  const events = new RecordingEventSink();
  const logger = new MemoryLogger();
  const clipboard = new MemoryClipboard();
  const confirmations = createHarnessConfirmations();

  let origin = '';
  const csp = (): string =>
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    `connect-src 'self' ${origin.replace('http:', 'ws:')}; object-src 'none'; base-uri 'none'; ` +
    "form-action 'none'; frame-ancestors 'none'";
  const serveStatic = createStaticHandler(
    {
      renderer: join(repoRoot, 'dist/renderer'),
      bridgeFile: join(repoRoot, 'dist/harness/bridge.js'),
    },
    csp,
  );
  const server = createServer((req, res) => {
    void serveStatic(req, res);
  });
  const transport = createWsTransport(
    server,
    () => origin,
    token,
    options.wrapHandler,
    options.wireTap,
  );
  events.subscribe(({ event, payload }) => {
    transport.broadcast(event, payload);
  });

  const core = createCore({
    files: createNodeVaultFileStore(dataDir),
    protector: options.protector ?? new InMemoryKeyProtector(),
    state: createNodeStateStore(dataDir),
    clock,
    events,
    logger,
    host: { version: '0.1.0', platform: process.platform, host: 'harness' },
    http: options.wrapHttp === undefined ? createNodeHttp() : options.wrapHttp(createNodeHttp()),
    clipboard,
    osUser: 'harness',
    targetFiles: createNodeTargetFiles(),
    commands: createNodeCommands(),
    confirmCommand: confirmations,
    ...(options.kdf === undefined ? {} : { kdf: options.kdf }),
  });
  const impl = options.wrapImpl === undefined ? core.impl : options.wrapImpl(core.impl);
  serveContract(contract, impl, transport);

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    dataDir,
    clock,
    fakeClock,
    core,
    events,
    logger,
    clipboard,
    confirmations,
    async close() {
      await core.shutdown();
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
