// Change of password under a crash at every step of the atomic write, on the real file store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryKeyProtector, MemoryLogger, MemoryStateStore } from '../testing/memory-ports.js';
import { createNodeVaultFileStore, openNodeVaultFileStore } from './node-file-store.js';
import type { WriteStep } from './node-file-store.js';
import { PASSWORD, TINY_KDF } from './testing/vault-fixture.js';
import { Vault } from './vault.js';
import type { VaultDeps } from './vault.js';

const NEXT = 'a brand new passphrase';
const Entries = z.array(z.string());

let dir: string;
let deps: VaultDeps;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fkv-pw-'));
  deps = {
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(),
    logger: new MemoryLogger(),
    kdf: { params: TINY_KDF },
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seeded(): Promise<Vault> {
  const vault = new Vault(deps);
  await vault.create(PASSWORD);
  await vault.writeSection('entries', ['k1', 'k2']);
  await vault.setKeychainUnlock(true, PASSWORD);
  return vault;
}

async function opensWith(password: string): Promise<boolean> {
  const vault = new Vault({ ...deps, files: createNodeVaultFileStore(dir) });
  try {
    await vault.unlock(password);
    expect(vault.readSection('entries', Entries)).toEqual(['k1', 'k2']);
    return true;
  } catch (error) {
    expect(error).toMatchObject({ code: 'wrong_password' });
    return false;
  }
}

describe('Vault.changePassword', () => {
  it('replaces the data key: the new password opens, the old one and the backup do not', async () => {
    const vault = await seeded();
    await vault.changePassword(PASSWORD, NEXT);
    expect(vault.readSection('entries', Entries)).toEqual(['k1', 'k2']);
    expect(await opensWith(NEXT)).toBe(true);
    expect(await opensWith(PASSWORD)).toBe(false);
    // The keychain wrap follows the fresh data key.
    const viaKeychain = new Vault(deps);
    await viaKeychain.unlockWithKeychain();
    // The extra save pushed the old wrap out of the backup generation too.
    const restored = new Vault(deps);
    await restored.restoreBackup();
    await expect(restored.unlock(PASSWORD, { allowRollback: true })).rejects.toMatchObject({
      code: 'wrong_password',
    });
    await restored.unlock(NEXT, { allowRollback: true });
  });

  it('refuses a wrong current password and a weak new one without writing', async () => {
    const vault = await seeded();
    const before = await deps.files.read();
    await expect(vault.changePassword('wrong password', NEXT)).rejects.toMatchObject({
      code: 'wrong_password',
    });
    await expect(vault.changePassword(PASSWORD, 'short')).rejects.toMatchObject({
      code: 'weak_password',
    });
    expect(await deps.files.read()).toEqual(before);
    expect(await opensWith(PASSWORD)).toBe(true);
  });

  const steps: WriteStep[] = ['tmp-written', 'tmp-synced', 'backup-kept', 'renamed', 'dir-synced'];
  for (const crashAt of steps) {
    const committed = crashAt === 'renamed' || crashAt === 'dir-synced';
    it(`crash at ${crashAt} → ${committed ? 'new' : 'old'} password opens, nothing lost`, async () => {
      const vault = await seeded();
      let armed = true;
      const crashing = openNodeVaultFileStore({
        dir,
        onStep: (step) => {
          if (armed && step === crashAt) {
            armed = false;
            throw new Error(`simulated crash at ${step}`);
          }
        },
      });
      const during = new Vault({ ...deps, files: crashing });
      await during.unlock(PASSWORD);
      await expect(during.changePassword(PASSWORD, NEXT)).rejects.toThrow('simulated crash');
      expect(await opensWith(committed ? NEXT : PASSWORD)).toBe(true);
      expect(await opensWith(committed ? PASSWORD : NEXT)).toBe(false);
      // The vault the crash interrupted still holds its data and can keep saving.
      expect(during.readSection('entries', Entries)).toEqual(['k1', 'k2']);
      vault.lock();
    });
  }
});
