// The ports of a core that runs in memory: no disk, no network, a fake clock and the tiny KDF cost.
// Tests that go through createCore's wiring start here and override what they watch.
import type { CorePorts } from '../create-core.js';
import { MemoryVaultFileStore } from '../vault/testing/memory-file-store.js';
import { TINY_KDF } from '../vault/testing/vault-fixture.js';
import { FakeClock } from './fake-clock.js';
import { MemoryClipboard } from './memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from './memory-ports.js';

export function memoryCorePorts(overrides: Partial<CorePorts> = {}): CorePorts {
  return {
    files: new MemoryVaultFileStore(),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(),
    events: new RecordingEventSink(),
    logger: new MemoryLogger(),
    host: { version: 'test', platform: 'linux', host: 'harness' },
    http: { request: () => Promise.reject(new Error('no network in this test')) },
    clipboard: new MemoryClipboard(),
    osUser: 'tester',
    kdf: { params: TINY_KDF },
    ...overrides,
  };
}
