// A core over real vault files in `dir`, with a cheap KDF (Argon2id has its own tests and bench)
// and in-memory keychain, state and clipboard, reached through the contract as the app does:
// for benches and for tests that run more than one core on one vault folder.
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
  RelayEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { Vault } from '../../main/core/vault/vault.js';
import { inProcessApi } from './in-process-api.js';

export const CHEAP_KDF = { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } };

export function createDiskCore(
  dir: string,
  extra: Partial<CorePorts> = {},
): { core: Core; api: Api } {
  const events = new RelayEventSink();
  const core = createCore({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: systemClock,
    events,
    logger: new MemoryLogger(),
    host: { version: 'test', platform: process.platform, host: 'harness' },
    http: createNodeHttp(),
    clipboard: new MemoryClipboard(),
    osUser: 'test',
    kdf: CHEAP_KDF,
    ...extra,
  });
  // Arguments validated and results parsed, as in the packaged app (compose-shell.ts).
  return { core, api: inProcessApi(core, events) };
}

/** For cores that must never reach a server. */
export const NO_NETWORK: CorePorts['http'] = {
  request: () => Promise.reject(new Error('no network in this test')),
};

/** Opens the vault file in `dir` with the password in a fresh reader, as a third process would. */
export async function vaultOpens(dir: string, password: string): Promise<boolean> {
  const reader = new Vault({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: systemClock,
    logger: new MemoryLogger(),
    kdf: CHEAP_KDF,
  });
  try {
    await reader.unlock(password, { allowRollback: true });
    return true;
  } catch {
    return false;
  } finally {
    reader.lock();
  }
}
