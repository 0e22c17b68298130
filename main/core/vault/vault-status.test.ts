import { describe, expect, it } from 'vitest';

import { MemoryStateStore } from '../testing/memory-ports.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import { Vault } from './vault.js';

describe('Vault start-up notices', () => {
  it('a state file set aside at start is reported as a notice until the vault is first opened', async () => {
    const { vault: first, deps } = vaultFixture();
    await first.create(PASSWORD);
    first.lock();
    const state = new MemoryStateStore();
    state.setAsidePath = '/config/state.json.corrupt-2026-01-01T00-00-00-000Z';
    const vault = new Vault({ ...deps, state });
    const status = await vault.status();
    expect(status.notices).toEqual([
      {
        code: 'state_reset',
        message: expect.stringContaining(state.setAsidePath),
      },
    ]);
    await vault.unlock(PASSWORD, { allowRollback: true });
    vault.lock();
    expect((await vault.status()).notices).toBeUndefined();
  });
});
