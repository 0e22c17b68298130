// The real core over real vault files and a fake Flowise, for rotations. A crash is played at a
// named point inside the engine: from that moment the core can neither write its vault nor reach
// the server (as if the process died), and `restart()` opens a new core on the same files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Api } from '../../common/ipc/contract.js';
import type { Core, CorePorts } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { HttpPort, VaultFileStore } from '../../main/core/ports.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import type { FakeFlowise, FakeFlowiseOptions } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { PASSWORD } from './core-fixture.js';
import { inProcessApi } from './in-process-api.js';

export class SimulatedCrash extends Error {}

export interface CrashPoint {
  point: string;
  /** Crash on this occurrence of the point (1 = the first). */
  nth?: number;
}

export interface RotationCore {
  readonly api: Api;
  readonly core: Core;
  readonly events: RecordingEventSink;
  readonly logger: MemoryLogger;
  readonly clock: FakeClock;
  instanceId: string;
  /** Arms a crash for the running core. */
  crashAt(crash: CrashPoint | undefined): void;
  /** Runs `action` once, the next time the engine passes `point` (e.g. to arm a fault). */
  when(point: string, action: () => void): void;
  /** Every hook point the engine passed, in order. */
  readonly points: string[];
  /** The most PUT requests that were in flight at once. */
  maxPutsInFlight(): number;
  /** A new core on the same vault files, unlocked; the old one is left dead. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface RotationFixture extends RotationCore {
  flowise: FakeFlowise;
}

/** Delivery ports (and the OS notifier) a test watches; they outlive a restart, as files and
 * programs would. */
export type DeliveryTestPorts = Pick<
  CorePorts,
  'targetFiles' | 'commands' | 'confirmCommand' | 'notifier'
>;

export async function startRotationFixture(
  options: FakeFlowiseOptions = {},
  delivery: DeliveryTestPorts = {},
): Promise<RotationFixture> {
  const flowise = await startFakeFlowise(options);
  const core = await startRotationCore(
    { url: flowise.url, adminKey: flowise.adminKey },
    () => flowise.close(),
    undefined,
    delivery,
  );
  return Object.assign(core, { flowise });
}

/** The core with one instance (the given server), and crash points; `cleanup` runs on close.
 * With `existingDir`, the vault there (made by another process) is unlocked instead. */
export async function startRotationCore(
  target: { url: string; adminKey: string; timeoutMs?: number },
  cleanup: () => Promise<void> = () => Promise.resolve(),
  existingDir?: string,
  delivery: DeliveryTestPorts = {},
): Promise<RotationCore> {
  const dir = existingDir ?? (await mkdtemp(join(tmpdir(), 'fkv-rot-')));
  const state = new MemoryStateStore();
  const protector = new InMemoryKeyProtector();
  const clock = new FakeClock(Date.now());
  const points: string[] = [];
  const cores: Core[] = [];
  let crash: CrashPoint | undefined;
  const actions = new Map<string, () => void>();
  const puts = { now: 0, max: 0 };

  const boot = () => {
    let dead = false;
    const files = createNodeVaultFileStore(dir);
    const http = createNodeHttp();
    const killable: { files: VaultFileStore; http: HttpPort } = {
      files: {
        path: files.path,
        backupPath: files.backupPath,
        read: () => files.read(),
        readBackup: () => files.readBackup(),
        restoreBackup: () => files.restoreBackup(),
        leftovers: () => files.leftovers(),
        setAsideLeftovers: () => files.setAsideLeftovers(),
        exclusive: (job) => files.exclusive(job),
        keepGeneration: (data, counter, keep) => files.keepGeneration(data, counter, keep),
        generations: () => files.generations(),
        readGeneration: (id) => files.readGeneration(id),
        write: (data) => (dead ? Promise.reject(new SimulatedCrash('dead')) : files.write(data)),
      },
      http: {
        request: async (request) => {
          if (dead) throw new SimulatedCrash('dead');
          const put = request.method === 'PUT';
          if (put) puts.now += 1;
          puts.max = Math.max(puts.max, puts.now);
          try {
            return await http.request(request);
          } finally {
            if (put) puts.now -= 1;
          }
        },
      },
    };
    const seen = new Map<string, number>();
    const events = new RecordingEventSink();
    const logger = new MemoryLogger();
    const core = createCore({
      ...killable,
      ...delivery,
      protector,
      state,
      clock,
      events,
      logger,
      host: { version: 'test', platform: 'linux', host: 'harness' },
      clipboard: new MemoryClipboard(),
      osUser: 'tester',
      kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
      rotationHooks: {
        at(point) {
          if (dead) throw new SimulatedCrash('dead');
          points.push(point);
          const action = actions.get(point);
          actions.delete(point);
          action?.();
          const count = (seen.get(point) ?? 0) + 1;
          seen.set(point, count);
          if (crash?.point === point && (crash.nth ?? 1) === count) {
            dead = true;
            crash = undefined;
            throw new SimulatedCrash(`crash at ${point}`);
          }
        },
      },
    });
    cores.push(core);
    return { core, api: inProcessApi(core, events), events, logger };
  };

  let current = boot();
  const instanceId =
    existingDir === undefined
      ? await addInstance(current.api, target)
      : await unlockExisting(current.api);

  return {
    get api() {
      return current.api;
    },
    get core() {
      return current.core;
    },
    get events() {
      return current.events;
    },
    get logger() {
      return current.logger;
    },
    instanceId,
    clock,
    points,
    maxPutsInFlight: () => puts.max,
    crashAt(next) {
      crash = next;
    },
    when(point, action) {
      actions.set(point, action);
    },
    async restart() {
      current = boot();
      await current.api.vault.unlock({ password: PASSWORD });
    },
    async close() {
      for (const core of cores) await core.shutdown().catch(() => undefined);
      await cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the vault and adds the server as its one instance; returns the instance id. */
export async function addInstance(
  api: Api,
  target: { url: string; adminKey: string; timeoutMs?: number },
): Promise<string> {
  await api.vault.create({ password: PASSWORD });
  const { id } = await api.instances.add({
    name: 'flowise',
    baseUrl: target.url,
    adminKey: target.adminKey,
    timeoutMs: target.timeoutMs ?? 1000,
  });
  return id;
}

async function unlockExisting(api: Api): Promise<string> {
  // Made by another process with its own app state: this one has no record of its saves.
  await api.vault.unlock({ password: PASSWORD, allowRollback: true });
  const [first] = (await api.instances.list()).instances;
  if (first === undefined) throw new Error('the vault has no instance');
  return first.id;
}
