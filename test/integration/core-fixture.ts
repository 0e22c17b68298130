// The real core over real files and a fake Flowise, driven through its contract implementation,
// with a fake clock and an in-memory clipboard so timers and copies can be checked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Api } from '../../common/ipc/contract.js';
import type { Core } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
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
import { inProcessApi } from './in-process-api.js';

export const PASSWORD = 'a long enough password';

export interface CoreFixture {
  core: Core;
  /** The renderer's view: every call goes through the contract's checks. */
  api: Api;
  flowise: FakeFlowise;
  clock: FakeClock;
  clipboard: MemoryClipboard;
  events: RecordingEventSink;
  logger: MemoryLogger;
  instanceId: string;
  close(): Promise<void>;
}

export async function startCoreWithFlowise(options: FakeFlowiseOptions = {}): Promise<CoreFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'fkv-int-'));
  const flowise = await startFakeFlowise(options);
  const clock = new FakeClock(Date.now());
  const clipboard = new MemoryClipboard();
  const events = new RecordingEventSink();
  const logger = new MemoryLogger();
  const core = createCore({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock,
    events,
    logger,
    host: { version: 'test', platform: 'linux', host: 'harness' },
    http: createNodeHttp(),
    clipboard,
    osUser: 'tester',
    kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
  });
  const api = inProcessApi(core, events);
  await api.vault.create({ password: PASSWORD });
  const { id: instanceId } = await api.instances.add({
    name: 'fake',
    baseUrl: flowise.url,
    adminKey: flowise.adminKey,
  });
  return {
    core,
    api,
    flowise,
    clock,
    clipboard,
    events,
    logger,
    instanceId,
    async close() {
      await core.shutdown();
      await flowise.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Lets promise callbacks queued by a fired timer run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
