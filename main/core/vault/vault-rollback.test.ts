import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { HIGHEST_COUNTER_KEY } from './rollback-guard.js';
import { headerOf } from './testing/tamper.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import { Vault } from './vault.js';

/** A vault saved four times (counter 4), with a copy of its second save (counter 2). */
async function savedFourTimes() {
  const fixture = vaultFixture();
  const deps = fixture.deps;
  const vault = new Vault(deps);
  await vault.create(PASSWORD);
  await vault.writeSection('n', 0);
  const old = Uint8Array.from(fixture.files.file!);
  await vault.writeSection('n', 1);
  await vault.writeSection('n', 2);
  vault.lock();
  return { ...fixture, vault, old, reopen: () => new Vault(deps) };
}

describe('Vault rollback record', () => {
  it('a vault whose rollback record was deleted opens only after an explicit yes, with the file date and save number', async () => {
    const { files, state, clock, reopen } = await savedFourTimes();
    const header = headerOf(files.file!);
    state.values.delete(HIGHEST_COUNTER_KEY);
    const fresh = reopen();
    const error = await fresh.unlock(PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault_rollback',
      details: { path: files.path, counter: 4, updatedAt: header['updatedAt'], unverified: true },
    });
    expect((error as Error).message).toContain("This vault's history could not be checked");
    expect((error as Error).message).toContain('save #4 of');
    expect(fresh.isUnlocked).toBe(false);
    await fresh.unlock(PASSWORD, { allowRollback: true });
    fresh.lock();
    clock.advance(1);
    // The yes is remembered: the next unlock asks nothing.
    await reopen().unlock(PASSWORD);
  });

  it('a rollback record lowered by hand does not let an older file through', async () => {
    const { files, state, old, reopen } = await savedFourTimes();
    files.file = old;
    state.set(HIGHEST_COUNTER_KEY, 2);
    await expect(reopen().unlock(PASSWORD)).rejects.toMatchObject({
      code: 'vault_rollback',
      details: { counter: 2, unverified: true },
    });
    state.set(HIGHEST_COUNTER_KEY, { counter: 2, mac: Buffer.alloc(32).toString('base64') });
    await expect(reopen().unlock(PASSWORD)).rejects.toMatchObject({
      code: 'vault_rollback',
      details: { counter: 2, unverified: true },
    });
  });

  it('an older file is refused with its date and save number', async () => {
    const { files, old, reopen } = await savedFourTimes();
    files.file = old;
    await expect(reopen().unlock(PASSWORD)).rejects.toMatchObject({
      code: 'vault_rollback',
      details: { counter: 2, highest: 4, updatedAt: headerOf(old)['updatedAt'] },
    });
  });
});

describe('Vault restore and rollback', () => {
  it('after a restore only the previous save opens without asking; an older backup gets the rollback prompt with its date and save number', async () => {
    const { files, old, reopen } = await savedFourTimes();
    files.backup = old;
    files.file = Uint8Array.from([1, 2, 3]);
    const vault = reopen();
    await vault.restoreBackup();
    const error = await vault.unlock(PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault_rollback',
      details: { counter: 2, highest: 4, updatedAt: headerOf(old)['updatedAt'] },
    });
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSWORD, { allowRollback: true });
    expect(vault.readSection('n', z.number())).toBe(0);
  });
});
