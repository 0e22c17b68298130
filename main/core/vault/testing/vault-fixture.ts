// Builds a Vault over in-memory ports with tiny Argon2 costs, for fast unit tests.
import { FakeClock } from '../../testing/fake-clock.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
} from '../../testing/memory-ports.js';
import type { KeyProtector, StateStore, VaultFileStore } from '../../ports.js';
import { Vault } from '../vault.js';
import type { VaultDeps } from '../vault.js';
import { MemoryVaultFileStore } from './memory-file-store.js';

export const PASSWORD = 'correct horse battery';
export const TINY_KDF = { memoryKiB: 1024, iterations: 1, parallelism: 1 } as const;

export interface Fixture {
  vault: Vault;
  files: MemoryVaultFileStore;
  state: MemoryStateStore;
  clock: FakeClock;
  logger: MemoryLogger;
  deps: VaultDeps;
  /** Another Vault over the same file and state, as after a restart. */
  reopen: (overrides?: {
    files?: VaultFileStore;
    protector?: KeyProtector;
    state?: StateStore;
  }) => Vault;
}

export function vaultFixture(protector: KeyProtector = new InMemoryKeyProtector()): Fixture {
  const files = new MemoryVaultFileStore();
  const state = new MemoryStateStore();
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const deps: VaultDeps = { files, protector, state, clock, logger, kdf: { params: TINY_KDF } };
  return {
    vault: new Vault(deps),
    files,
    state,
    clock,
    logger,
    deps,
    reopen: (overrides = {}) => new Vault({ ...deps, ...overrides }),
  };
}
