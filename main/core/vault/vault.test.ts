import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { InMemoryKeyProtector } from '../testing/memory-ports.js';
import { HIGHEST_COUNTER_KEY } from './rollback-guard.js';
import { headerOf } from './testing/tamper.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import type { Vault } from './vault.js';

const Entries = z.array(z.object({ id: z.string(), key: z.string() }));
const entries = [
  { id: 'a', key: 'sk-secret-one' },
  { id: 'b', key: 'sk-secret-two' },
];

/** The DEK a vault holds, reached through its private field: proof for the zeroing test only. */
const dekOf = (vault: Vault): Buffer =>
  (vault as unknown as { session?: { dek: Buffer } }).session!.dek;

describe('Vault', () => {
  it('round-trips sections through lock and unlock', async () => {
    const { vault, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    expect(vault.isUnlocked).toBe(true);
    await vault.writeSection('entries', entries);
    await vault.writeSection('settings', { theme: 'dark' });
    vault.lock();
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSWORD);
    expect(vault.readSection('entries', Entries)).toEqual(entries);
    expect(vault.readSection('missing', Entries)).toBeUndefined();
    const other = reopen();
    await other.unlock(PASSWORD);
    expect(other.readSection('settings', z.object({ theme: z.string() }))).toEqual({
      theme: 'dark',
    });
  });

  it('never writes secrets in the clear', async () => {
    const { vault, files, logger } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('entries', entries);
    const text = Buffer.from(files.file!).toString('utf8');
    expect(text).not.toContain('sk-secret');
    expect(text).not.toContain(PASSWORD);
    expect(JSON.stringify(logger.lines)).not.toMatch(/sk-secret|correct horse/);
  });

  it('removes a section written as undefined, and hands out copies', async () => {
    const { vault } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('entries', entries);
    vault.readSection('entries', Entries)![0]!.key = 'mutated';
    expect(vault.readSection('entries', Entries)).toEqual(entries);
    await vault.writeSection('entries', undefined);
    expect(vault.readSection('entries', Entries)).toBeUndefined();
  });

  it('keeps its revision while nothing changes, and gives a new one after a save or a lock', async () => {
    const { vault } = vaultFixture();
    await vault.create(PASSWORD);
    const first = vault.revision();
    vault.readSection('a', z.unknown());
    expect(vault.revision()).toBe(first);
    await vault.writeSection('a', [1]);
    const second = vault.revision();
    expect(second).not.toBe(first);
    vault.lock();
    await vault.unlock(PASSWORD);
    expect(vault.revision()).not.toBe(second);
  });

  it('refuses a second create and a short password', async () => {
    const { vault, reopen } = vaultFixture();
    await expect(vault.create('short')).rejects.toMatchObject({ code: 'weak_password' });
    await vault.create(PASSWORD);
    await expect(reopen().create(PASSWORD)).rejects.toMatchObject({ code: 'vault_exists' });
  });

  it('reports none, unlocked and locked with the path and backup', async () => {
    const { vault } = vaultFixture();
    expect(await vault.status()).toEqual({
      state: 'none',
      path: '/vaults/test/vault.fkv',
      backupAvailable: false,
      keychain: { enabled: false, available: true, backend: 'memory' },
    });
    await vault.create(PASSWORD);
    expect(await vault.status()).toMatchObject({
      state: 'unlocked',
      unlockedAt: expect.any(Number),
    });
    await vault.writeSection('x', 1);
    vault.lock();
    const status = await vault.status();
    expect(status).toMatchObject({ state: 'locked', backupAvailable: true });
    expect(status.unlockedAt).toBeUndefined();
  });

  it('rejects a wrong password without writing anything', async () => {
    const { vault, files, state } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('entries', entries);
    vault.lock();
    const before = Uint8Array.from(files.file!);
    const writes = files.writes;
    const counter = state.get(HIGHEST_COUNTER_KEY);
    const error = await vault.unlock('not the password').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'wrong_password',
      message: 'The master password does not open /vaults/test/vault.fkv.',
    });
    expect((error as Error).message).not.toContain('not the password');
    expect(files.file).toEqual(before);
    expect(files.writes).toBe(writes);
    expect(state.get(HIGHEST_COUNTER_KEY)).toBe(counter);
    expect(vault.isUnlocked).toBe(false);
  });

  it('needs an unlocked vault to read or write', async () => {
    const { vault } = vaultFixture();
    expect(() => vault.readSection('x', z.number())).toThrow(
      expect.objectContaining({ code: 'vault_locked' }),
    );
    await vault.create(PASSWORD);
    vault.lock();
    await expect(vault.writeSection('x', 1)).rejects.toMatchObject({ code: 'vault_locked' });
    await expect(vault.setKeychainUnlock(true, PASSWORD)).rejects.toMatchObject({
      code: 'vault_locked',
    });
    await expect(vault.changePassword(PASSWORD, 'another password')).rejects.toMatchObject({
      code: 'vault_locked',
    });
  });

  it('says unlock of a missing vault is vault_missing', async () => {
    const { vault } = vaultFixture();
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'vault_missing' });
  });

  it('reports a section whose shape drifted without echoing it', async () => {
    const { vault } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('entries', [{ id: 1, key: 'sk-secret-x' }]);
    const error = (() => {
      try {
        vault.readSection('entries', Entries);
        return undefined;
      } catch (e) {
        return e as Error & { code: string };
      }
    })();
    expect(error?.code).toBe('internal');
    expect(error?.message).toContain('"entries"');
    expect(error?.message).not.toContain('sk-secret');
  });

  it('serializes concurrent writes, each one a new generation', async () => {
    const { vault, files } = vaultFixture();
    await vault.create(PASSWORD);
    const start = files.writes;
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.writeSection(`s${i}`, i)));
    expect(files.writes - start).toBe(10);
    for (let i = 0; i < 10; i++) expect(vault.readSection(`s${i}`, z.number())).toBe(i);
    expect(headerOf(files.file!)['counter']).toBe(11);
  });

  it('drops queued writes after lock instead of sealing with a wiped key', async () => {
    const { vault, files } = vaultFixture();
    await vault.create(PASSWORD);
    const pending = vault.writeSection('late', 'value');
    vault.lock();
    await expect(pending).rejects.toMatchObject({ code: 'vault_locked' });
    expect(files.writes).toBe(1);
  });

  it('zeroes the data key on lock, and the KEK right after use', async () => {
    const { vault } = vaultFixture();
    await vault.create(PASSWORD);
    vault.lock();
    const fill = vi.spyOn(Buffer.prototype, 'fill');
    try {
      await vault.unlock(PASSWORD);
      const dek = dekOf(vault);
      expect(dek.some((b) => b !== 0)).toBe(true);
      const zeroed32 = fill.mock.contexts.filter(
        (buf, i) => (buf as Buffer).length === 32 && fill.mock.calls[i]![0] === 0 && buf !== dek,
      );
      expect(zeroed32.length).toBeGreaterThan(0); // the KEK, wiped during unlock
      expect((zeroed32[0] as Buffer).every((b) => b === 0)).toBe(true);
      fill.mockClear();
      vault.lock();
      expect(fill.mock.contexts).toContain(dek);
      expect(dek.every((b) => b === 0)).toBe(true);
      expect(() => vault.readSection('x', z.number())).toThrow();
    } finally {
      fill.mockRestore();
    }
  });
});

describe('Vault rollback protection', () => {
  it('refuses an older generation unless asked, then continues from the highest counter', async () => {
    const { vault, files, state, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('n', 1);
    const old = Uint8Array.from(files.file!);
    await vault.writeSection('n', 2);
    await vault.writeSection('n', 3);
    vault.lock();
    expect(state.get(HIGHEST_COUNTER_KEY)).toMatchObject({ counter: 4 });
    files.file = old;
    const fresh = reopen();
    const error = await fresh.unlock(PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault_rollback',
      details: { path: files.path, counter: 2, highest: 4 },
    });
    expect(fresh.isUnlocked).toBe(false);
    await fresh.unlock(PASSWORD, { allowRollback: true });
    expect(fresh.readSection('n', z.number())).toBe(1);
    await fresh.writeSection('n', 5);
    expect(headerOf(files.file)['counter']).toBe(5);
    fresh.lock();
    await reopen().unlock(PASSWORD);
  });

  it('continues the count when a vault is created after the old one was removed', async () => {
    const { vault, files, state, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('n', 1);
    vault.lock();
    files.file = null;
    files.backup = null;
    await reopen().create(PASSWORD);
    expect(headerOf(files.file!)['counter']).toBe(3);
    expect(state.get(HIGHEST_COUNTER_KEY)).toMatchObject({ counter: 3 });
  });
});

describe('Vault backup', () => {
  it('restores the previous generation and stays locked', async () => {
    const { vault, files } = vaultFixture();
    await expect(vault.restoreBackup()).rejects.toMatchObject({ code: 'no_backup' });
    await vault.create(PASSWORD);
    await vault.writeSection('n', 1);
    files.file = Uint8Array.from([1, 2, 3]);
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({
      code: 'vault_corrupt',
      details: { path: files.path, backupAvailable: true },
    });
    await vault.restoreBackup();
    expect(files.damaged).toEqual([Uint8Array.from([1, 2, 3])]);
    expect(vault.isUnlocked).toBe(false);
    // The backup is one save older than the newest this app wrote, but the user chose it, so the
    // rollback check lets it through once instead of asking a second time.
    await expect(vault.unlock('wrong password here')).rejects.toMatchObject({
      code: 'wrong_password',
    });
    await vault.unlock(PASSWORD);
    expect(vault.readSection('n', z.number())).toBeUndefined();
    await vault.writeSection('n', 2);
    vault.lock();
    await vault.unlock(PASSWORD);
    expect(vault.readSection('n', z.number())).toBe(2);
  });
});

describe('Vault keychain unlock', () => {
  it('enables, unlocks with the keychain, and disables', async () => {
    const { vault, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('entries', entries);
    await expect(vault.unlockWithKeychain()).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
    await vault.setKeychainUnlock(true, PASSWORD);
    expect((await vault.status()).keychain).toMatchObject({ enabled: true, available: true });
    vault.lock();
    expect((await vault.status()).keychain.enabled).toBe(true);
    const other = reopen();
    await other.unlockWithKeychain();
    expect(other.readSection('entries', Entries)).toEqual(entries);
    await other.setKeychainUnlock(false, PASSWORD);
    other.lock();
    expect((await other.status()).keychain.enabled).toBe(false);
    await expect(other.unlockWithKeychain()).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
    await other.unlock(PASSWORD);
  });

  it('refuses the basic_text backend with its reason', async () => {
    const reason = 'No secret service found; Linux would store the key in plain text.';
    const protector = new InMemoryKeyProtector({ available: false, backend: 'basic_text', reason });
    const { vault, files } = vaultFixture(protector);
    await vault.create(PASSWORD);
    const writes = files.writes;
    const error = await vault.setKeychainUnlock(true, PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'keychain_unavailable',
      details: { backend: 'basic_text', reason },
    });
    expect((error as Error).message).toContain(reason);
    expect(files.writes).toBe(writes);
    expect((await vault.status()).keychain).toEqual({
      enabled: false,
      available: false,
      backend: 'basic_text',
      reason,
    });
  });

  it('turns a refusing or stale keychain into a clear error', async () => {
    const { vault, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.setKeychainUnlock(true, PASSWORD);
    vault.lock();
    const refusing = new InMemoryKeyProtector();
    refusing.unprotect = () => Promise.reject(new Error('user cancelled'));
    await expect(reopen({ protector: refusing }).unlockWithKeychain()).rejects.toMatchObject({
      code: 'keychain_unavailable',
    });
    const stale = new InMemoryKeyProtector();
    stale.unprotect = () => Promise.resolve(new Uint8Array(32).fill(7));
    await expect(reopen({ protector: stale }).unlockWithKeychain()).rejects.toMatchObject({
      code: 'keychain_failed',
    });
  });
});

describe('Vault lock while busy', () => {
  it('an unlock in flight when lock() arrives ends locked, its key wiped', async () => {
    const { vault } = vaultFixture();
    await vault.create(PASSWORD);
    vault.lock();
    const pending = vault.unlock(PASSWORD);
    vault.lock();
    await expect(pending).rejects.toMatchObject({ code: 'vault_locked' });
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSWORD);
    expect(vault.isUnlocked).toBe(true);
  });

  it('a create in flight when lock() arrives still creates the vault, locked', async () => {
    const { vault, files } = vaultFixture();
    const pending = vault.create(PASSWORD);
    vault.lock();
    await pending;
    expect(files.file).not.toBeNull();
    expect(vault.isUnlocked).toBe(false);
    await vault.unlock(PASSWORD);
  });
});
