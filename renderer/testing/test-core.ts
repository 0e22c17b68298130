// The renderer tests' Api: the real core (createCore) on memory ports, a fake clock and fake Flowise
// servers in memory, served through the same checked handlers and client as over IPC. On top, only
// what a test needs beyond the Api: a scripted failure, an event pushed by main, and seeding.
// Test code only: product code never imports a testing folder.
import type { WireError } from '../../common/errors.js';
import { AppError } from '../../common/errors.js';
import type { Api, AppEventName, AppEventPayload } from '../../common/ipc/contract.js';
import { contract } from '../../common/ipc/contract.js';
import { createLocalApi } from '../../common/ipc/client.js';
import type { Settings } from '../../common/ipc/schemas/settings.js';
import { z } from 'zod';
import type { InstanceSummary } from '../../common/ipc/schemas/instances.js';
import { InstanceDraft } from '../../common/ipc/schemas/instances.js';
import type { LockReason } from '../../common/ipc/schemas/vault.js';
import type { Core, CorePorts } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import type { HostInfo } from '../../main/core/ports.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { MemoryVaultFileStore } from '../../main/core/vault/testing/memory-file-store.js';
import { Vault } from '../../main/core/vault/vault.js';
import type { MemoryFlowise, MemoryServer, MemoryServerOptions } from './memory-flowise.js';
import { createMemoryFlowise } from './memory-flowise.js';

export const TEST_PASSWORD = 'correct horse battery staple 7';
/** Allowed because it is injected: an injected cost lowers the floor (main/core/vault/kdf.ts). */
const CHEAP_KDF = { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } };
export const TEST_START = Date.UTC(2026, 0, 1);

export interface TestCoreInit {
  /** 'unlocked' by default: created with TEST_PASSWORD. 'locked' is created, then locked. */
  vault?: 'none' | 'locked' | 'unlocked';
  /** Why the vault was locked, with vault: 'locked'; 'manual' by default. */
  lockReason?: LockReason;
  settings?: Partial<Settings>;
  /** Saved in order (the first is active), at the main fake server unless they name another
   * address, where a server is started whose admin key is the one given (random if none). */
  instances?: (Partial<InstanceDraft> & {
    name: string;
    /** Its server refuses connections, and a saved test says so. */
    down?: boolean;
    /** Tested once after saving, so its last check is kept. */
    tested?: boolean;
  })[];
  /** Keychain unlock turned on (the memory keychain is always available). */
  keychain?: boolean;
  /** Whether app.info says a screen lock can be seen; left out by default. */
  screenLockDetectable?: boolean;
  flowise?: MemoryServerOptions;
  /** Delivery targets' files, commands and main's confirmation before each command; none by
   * default (a rotation then delivers nothing). */
  delivery?: Pick<CorePorts, 'targetFiles' | 'commands' | 'confirmCommand'>;
}

export interface TestCore {
  readonly api: Api;
  readonly core: Core;
  readonly clock: FakeClock;
  readonly clipboard: MemoryClipboard;
  readonly files: MemoryVaultFileStore;
  readonly state: MemoryStateStore;
  readonly logger: MemoryLogger;
  readonly flowise: MemoryFlowise;
  /** The main fake server, where instances point by default. */
  readonly server: MemoryServer;
  /** The instances seeded, in order. */
  readonly instances: InstanceSummary[];
  /** The fake server an instance points at. */
  serverOf(instanceId: string): Promise<MemoryServer>;
  /** The admin key main holds for an instance, as its server receives it (a keys.list call made
   * at main's side, outside `calls`); undefined when no request reached a server. */
  adminKeyOf(instanceId: string): Promise<string | undefined>;
  /** Every method the renderer called, as "namespace.name", in order. */
  readonly calls: string[];
  /** Makes the next call of `method` (e.g. "vault.unlock") fail as main would send `error`. */
  failNext(method: string, error: Error): void;
  /** Pushes an event to the renderer as main's event sink does. */
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void;
  /** Locks as main does on idle, screen lock or sleep. */
  lockFromMain(reason: LockReason): void;
  listenerCount(event: AppEventName): number;
  /** Moves the core's clock, firing its timers (auto-lock, clipboard clearing, reveal tickets). */
  advance(ms: number): void;
  /** The text the system clipboard holds now. */
  clipboardText(): string;
  /** Lets the core finish what its timers started. */
  settle(): Promise<void>;
}

/** The disk and network a core starts on; a restart keeps them. */
interface World {
  files: MemoryVaultFileStore;
  state: MemoryStateStore;
  flowise: MemoryFlowise;
  clock: FakeClock;
}

/** The app started again over the same files, state and servers: the vault is locked, as at
 * start-up. `stateSetAside` acts out a state file that could not be read at start. */
export function restartTestCore(
  t: TestCore,
  init: Pick<TestCoreInit, 'screenLockDetectable'> & { stateSetAside?: string } = {},
): Promise<TestCore> {
  t.core.lock('quit');
  if (init.stateSetAside !== undefined) t.state.setAsidePath = init.stateSetAside;
  return createTestCore(
    { ...init, vault: 'none' },
    { files: t.files, state: t.state, flowise: t.flowise, clock: t.clock },
  );
}

export async function createTestCore(init: TestCoreInit = {}, world?: World): Promise<TestCore> {
  const clock = world?.clock ?? new FakeClock(TEST_START);
  const clipboard = new MemoryClipboard();
  const events = new RecordingEventSink();
  const logger = new MemoryLogger();
  const files = world?.files ?? new MemoryVaultFileStore();
  const state = world?.state ?? new MemoryStateStore();
  const flowise = world?.flowise ?? createMemoryFlowise(init.flowise);
  const host: HostInfo = {
    version: '0.0.0-test',
    platform: 'linux',
    host: 'harness',
    ...(init.screenLockDetectable === undefined
      ? {}
      : { screenLockDetectable: init.screenLockDetectable }),
  };
  if (init.settings !== undefined) state.set('settings', init.settings);
  const core = createCore({
    files,
    protector: new InMemoryKeyProtector(),
    state,
    clock,
    events,
    logger,
    host,
    http: flowise.http,
    clipboard,
    osUser: 'tester',
    kdf: CHEAP_KDF,
    ...init.delivery,
  });

  const calls: string[] = [];
  const failures = new Map<string, WireError>();
  const listeners = new Map<string, number>();
  const api = createLocalApi(contract, core.impl, {
    subscribe: (event, listener) => {
      listeners.set(event, (listeners.get(event) ?? 0) + 1);
      const stop = events.subscribe((recorded) => {
        if (recorded.event === event) listener(recorded.payload);
      });
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        listeners.set(event, (listeners.get(event) ?? 1) - 1);
        stop();
      };
    },
    around: async (channel, _args, send) => {
      calls.push(channel);
      const failure = failures.get(channel);
      if (failure === undefined) return send();
      failures.delete(channel);
      await Promise.resolve();
      return { ok: false, error: failure };
    },
  });

  const seeded: InstanceSummary[] = [];
  const serverOf = async (instanceId: string): Promise<MemoryServer> => {
    const found = (await core.impl.instances.list()).instances.find((i) => i.id === instanceId);
    if (found === undefined) throw new Error(`No instance ${instanceId}`);
    return flowise.server(found.baseUrl);
  };
  if (init.vault !== 'none') {
    await core.impl.vault.create({ password: TEST_PASSWORD });
    for (const { down, tested, ...draft } of init.instances ?? []) {
      const url = draft.baseUrl ?? flowise.main.url;
      const fresh = !flowise.has(url);
      const server = flowise.server(url);
      // A server started for this instance takes the admin key the instance is saved with.
      if (fresh && draft.adminKey !== undefined) server.adminKey.apiKey = draft.adminKey;
      server.down = down === true;
      const { id } = await core.impl.instances.add(
        InstanceDraft.parse({ baseUrl: server.url, adminKey: server.adminKey.apiKey, ...draft }),
      );
      if (tested === true || down === true) await core.impl.instances.test(id);
      const found = (await core.impl.instances.list()).instances.find((i) => i.id === id);
      if (found !== undefined) seeded.push(found);
    }
    if (init.keychain === true)
      await core.impl.vault.setKeychainUnlock({ enabled: true, password: TEST_PASSWORD });
    if (init.vault === 'locked') core.lock(init.lockReason ?? 'manual');
  }
  events.events.length = 0;

  return {
    api,
    core,
    clock,
    clipboard,
    files,
    state,
    logger,
    flowise,
    server: flowise.main,
    instances: seeded,
    serverOf,
    adminKeyOf: async (instanceId) => {
      const server = await serverOf(instanceId);
      const before = server.log.length;
      await Promise.resolve()
        .then(() => core.impl.keys.list({ instanceId }))
        .catch(() => undefined);
      return server.log.length > before ? server.lastBearer() : undefined;
    },
    calls,
    failNext: (method, error) => {
      failures.set(
        method,
        error instanceof AppError
          ? error.toWire()
          : new AppError(
              'internal',
              'Something went wrong inside the app. Nothing was changed.',
            ).toWire(),
      );
    },
    emit: (event, payload) => {
      events.emit(event, payload);
    },
    lockFromMain: (reason) => {
      core.lock(reason);
    },
    listenerCount: (event) => listeners.get(event) ?? 0,
    advance: (ms) => {
      clock.advance(ms);
    },
    clipboardText: () => {
      const text = clipboard.entries.find((e) => e.format === 'text/plain')?.data;
      return typeof text === 'string' ? text : '';
    },
    settle: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}

/** Damages the vault file (empty), keeping the backup of the save before it. Locks first. */
export function damageVault(t: TestCore): void {
  t.core.lock('manual');
  t.files.file = new Uint8Array(0);
}

/** Loses the vault file, leaving its backup (the save before the latest) next to it. Locks. */
export function loseVault(t: TestCore): void {
  t.core.lock('manual');
  t.files.file = null;
}

/** Forgets the app's record of the vault's saves, as a state file reset does. Locks first. */
export function forgetVaultHistory(t: TestCore): void {
  t.core.lock('manual');
  t.state.values.delete('vault.highestCounter');
}

/** Puts back the vault file as it was before its latest save, as a restored copy would: the app
 * has a record of a newer save, so unlock needs allowRollback. Locks first. */
export async function rollBackVault(t: TestCore): Promise<void> {
  const older = t.files.file;
  await t.core.impl.vault.changePassword({ current: TEST_PASSWORD, next: TEST_PASSWORD });
  t.core.lock('manual');
  t.files.file = older;
}

const PINNING = new Set(['certificatePin', 'certificateUnconfirmed']);
const SavedInstances = z.looseObject({ instances: z.array(z.record(z.string(), z.unknown())) });

/** The vault as a version from before pinning saved it: every instance "accepts any
 * certificate" (allowSelfSigned) and has no pin. The app is started again over it, unlocked. */
export async function saveAsBeforePinning(t: TestCore): Promise<TestCore> {
  t.core.lock('manual');
  const vault = new Vault({
    files: t.files,
    protector: new InMemoryKeyProtector(),
    state: t.state,
    clock: t.clock,
    logger: t.logger,
    kdf: CHEAP_KDF,
  });
  await vault.unlock(TEST_PASSWORD);
  const saved = vault.readSection('instances', SavedInstances);
  await vault.writeSection('instances', {
    ...saved,
    instances: (saved?.instances ?? []).map((profile) => ({
      ...Object.fromEntries(Object.entries(profile).filter(([field]) => !PINNING.has(field))),
      allowSelfSigned: true,
    })),
  });
  vault.lock();
  const again = await restartTestCore(t);
  await again.core.impl.vault.unlock({ password: TEST_PASSWORD });
  return again;
}
