import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { MemorySecureValueStore } from '../testing/memory-ports.js';
import { HIGHEST_COUNTER_KEY, KEYCHAIN_COUNTER_NAME } from './rollback-guard.js';
import { headerOf } from './testing/tamper.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import { Vault } from './vault.js';

/** A vault saved four times (counter 4), with a copy of its second save (counter 2). */
async function savedFourTimes(secure?: MemorySecureValueStore) {
  const fixture = vaultFixture();
  const deps = secure === undefined ? fixture.deps : { ...fixture.deps, secure };
  const vault = new Vault(deps);
  await vault.create(PASSWORD);
  if (secure !== undefined) await vault.setKeychainUnlock(true, PASSWORD);
  else await vault.writeSection('n', 0);
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

describe('Vault rollback record across a new data key', () => {
  it('a password change that could not push out the backup still leaves a record the new key verifies', async () => {
    const { files, reopen } = await savedFourTimes();
    const vault = reopen();
    await vault.unlock(PASSWORD);
    const write = files.write.bind(files);
    let writes = 0;
    files.write = (data) => (++writes === 2 ? Promise.reject(new Error('disk full')) : write(data));
    await vault.changePassword(PASSWORD, 'a brand new passphrase');
    vault.lock();
    files.write = write;
    await reopen().unlock('a brand new passphrase');
  });
});

describe('Vault rollback record in the keychain', () => {
  it('with keychain unlock on, deleting the state record does not hide an older file', async () => {
    const secure = new MemorySecureValueStore();
    const { files, state, old, reopen } = await savedFourTimes(secure);
    expect(JSON.parse(secure.values.get(KEYCHAIN_COUNTER_NAME)!)).toMatchObject({ counter: 4 });
    files.file = old;
    state.values.clear();
    await expect(reopen().unlock(PASSWORD)).rejects.toMatchObject({
      code: 'vault_rollback',
      details: { counter: 2, highest: 4 },
    });
  });

  it('with keychain unlock on, the keychain record alone lets the newest file open without asking', async () => {
    const secure = new MemorySecureValueStore();
    const { state, reopen } = await savedFourTimes(secure);
    state.values.clear();
    const fresh = reopen();
    await fresh.unlock(PASSWORD);
    expect(fresh.readSection('n', z.number())).toBe(2);
  });

  it('a keychain record left by another vault is ignored: a new vault is not called older', async () => {
    const secure = new MemorySecureValueStore();
    await savedFourTimes(secure);
    const other = vaultFixture();
    const deps = { ...other.deps, secure };
    const vault = new Vault(deps);
    await vault.create(PASSWORD);
    await vault.writeSection('n', 1);
    vault.lock();
    const fresh = new Vault(deps);
    await fresh.unlock(PASSWORD);
    expect(fresh.readSection('n', z.number())).toBe(1);
  });

  it('a failing keychain store falls back to the state record and logs no value', async () => {
    const secure = new MemorySecureValueStore();
    secure.failing = true;
    const { files, old, logger, reopen } = await savedFourTimes(secure);
    const fresh = reopen();
    await fresh.unlock(PASSWORD);
    fresh.lock();
    files.file = old;
    await expect(reopen().unlock(PASSWORD)).rejects.toMatchObject({ code: 'vault_rollback' });
    const lines = logger.lines.filter((l) => l.message.startsWith('rollback guard'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.fields).toEqual({ kind: 'Error' });
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
