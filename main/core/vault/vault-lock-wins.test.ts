// lock() always wins: a lock (sleep, screen lock, the button) that arrives while Argon2 runs for an
// unlock, a create, a password change or a keychain change leaves the vault locked, its key wiped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { InMemoryKeyProtector } from '../testing/memory-ports.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import { hooks } from './testing/derive-hook.js';

// The lock lands once the derivation has started and before it has finished.
vi.mock('./kdf.js', async (importOriginal) =>
  (await import('./testing/derive-hook.js')).hookedKdf(await importOriginal()),
);

afterEach(() => {
  hooks.onDerive = undefined;
});

const NEXT = 'a brand new passphrase';

describe('a lock while the key derivation runs', () => {
  it('during unlock with the password: the vault stays locked', async () => {
    const { vault } = vaultFixture();
    await vault.create(PASSWORD);
    vault.lock();
    hooks.onDerive = () => {
      vault.lock();
    };
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'vault_locked' });
    expect(vault.isUnlocked).toBe(false);
  });

  it('during unlock with the keychain: the vault stays locked', async () => {
    const protector = new InMemoryKeyProtector();
    const { vault } = vaultFixture(protector);
    await vault.create(PASSWORD);
    await vault.setKeychainUnlock(true, PASSWORD);
    vault.lock();
    const unprotect = protector.unprotect.bind(protector);
    protector.unprotect = (blob) => {
      vault.lock(); // the OS keychain prompt is the slow step here
      return unprotect(blob);
    };
    await expect(vault.unlockWithKeychain()).rejects.toMatchObject({ code: 'vault_locked' });
    expect(vault.isUnlocked).toBe(false);
  });

  it('during create: the vault is written but ends locked', async () => {
    const { vault, files } = vaultFixture();
    hooks.onDerive = () => {
      vault.lock();
    };
    await vault.create(PASSWORD);
    expect(files.file).not.toBeNull();
    expect(vault.isUnlocked).toBe(false);
  });

  it('during a password change: locked, and the file opens with exactly one of the passwords', async () => {
    const { vault, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('n', 1);
    hooks.onDerive = () => {
      vault.lock();
    };
    await expect(vault.changePassword(PASSWORD, NEXT)).rejects.toMatchObject({
      code: 'vault_locked',
    });
    expect(vault.isUnlocked).toBe(false);
    const other = reopen();
    await other.unlock(PASSWORD);
    expect(other.readSection('n', z.number())).toBe(1);
  });

  it('during turning keychain unlock off: locked, nothing half-written', async () => {
    const { vault, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.setKeychainUnlock(true, PASSWORD);
    hooks.onDerive = () => {
      vault.lock();
    };
    await expect(vault.setKeychainUnlock(false, PASSWORD)).rejects.toMatchObject({
      code: 'vault_locked',
    });
    expect(vault.isUnlocked).toBe(false);
    await reopen().unlockWithKeychain();
  });
});
