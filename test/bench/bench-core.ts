// The core every bench drives: real vault files in `dir`, a cheap KDF (Argon2id has its own
// bench), in-memory keychain, state and clipboard, reached through the contract as the app does.
import type { Api } from '../../common/ipc/contract.js';
import type { Core, CorePorts } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { systemClock } from '../../main/core/node-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { inProcessApi } from '../integration/in-process-api.js';

export function createBenchCore(
  dir: string,
  extra: Partial<CorePorts> = {},
): { core: Core; api: Api } {
  const events = new RecordingEventSink();
  const core = createCore({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: systemClock,
    events,
    logger: new MemoryLogger(),
    host: { version: 'bench', platform: process.platform, host: 'harness' },
    http: createNodeHttp(),
    clipboard: new MemoryClipboard(),
    osUser: 'bench',
    kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
    ...extra,
  });
  // Arguments validated and results parsed, as in the packaged app (compose-shell.ts).
  return { core, api: inProcessApi(core, events) };
}
