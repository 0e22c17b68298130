// A vault created where an earlier one was (its file deleted, the app's state kept) starts a new
// audit log: the earlier log's head must not make the new one look cut back for ever.
import { describe, expect, it } from 'vitest';

import { createCore } from '../create-core.js';
import type { Core } from '../create-core.js';
import { memoryCorePorts } from '../testing/memory-core.js';
import { MemoryStateStore } from '../testing/memory-ports.js';
import { PASSWORD } from '../vault/testing/vault-fixture.js';

const OTHER = 'another long passphrase 93!';

function coreOn(state: MemoryStateStore): Core {
  return createCore(memoryCorePorts({ state }));
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
