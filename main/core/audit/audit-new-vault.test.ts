// A vault created where an earlier one was (its file deleted, the app's state kept) starts a new
// audit log: the earlier log's head must not make the new one look cut back for ever.
import { describe, expect, it } from 'vitest';

import { createCore } from '../create-core.js';
import type { Core } from '../create-core.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryClipboard } from '../testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../testing/memory-ports.js';
import { MemoryVaultFileStore } from '../vault/testing/memory-file-store.js';
import { PASSWORD, TINY_KDF } from '../vault/testing/vault-fixture.js';

const OTHER = 'another long passphrase 93!';

function coreOn(state: MemoryStateStore): Core {
  return createCore({
    files: new MemoryVaultFileStore(),
    protector: new InMemoryKeyProtector(),
    state,
    clock: new FakeClock(),
    events: new RecordingEventSink(),
    logger: new MemoryLogger(),
    host: { version: 'test', platform: 'linux', host: 'harness' },
    http: { request: () => Promise.reject(new Error('no network in this test')) },
    clipboard: new MemoryClipboard(),
    osUser: 'tester',
    kdf: { params: TINY_KDF },
  });
}

describe('the audit log of a new vault', () => {
  it('a vault created after the earlier one was deleted starts a clean log, not a cut one', async () => {
    const state = new MemoryStateStore();
    const first = coreOn(state).impl;
    await first.vault.create({ password: PASSWORD });
    await first.vault.changePassword({ current: PASSWORD, next: OTHER });
    await first.vault.changePassword({ current: OTHER, next: PASSWORD });

    const second = coreOn(state).impl;
    await second.vault.create({ password: PASSWORD });
    await second.vault.changePassword({ current: PASSWORD, next: OTHER });

    const page = await second.audit.list({ limit: 500 });
    expect(page.records.map((r) => r.action)).toEqual(['vault.password_changed']);
    expect(await second.audit.verify()).toMatchObject({ ok: true, count: 1 });
  });
});
