// A copy of an old vault file (a backup, sync history, a .damaged-* file) together with what
// opened it back then (the old password, the keychain's old wrap) must not open anything written
// after a password change or after keychain unlock was turned off: both make a fresh data key.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryKeyProtector, MemoryLogger, MemoryStateStore } from '../testing/memory-ports.js';
import { createNodeVaultFileStore } from './node-file-store.js';
import { PASSWORD, TINY_KDF, vaultFixture } from './testing/vault-fixture.js';
import { Vault } from './vault.js';
import { decodeVaultFile, openVaultBody } from './vault-format.js';
import type { VaultFile } from './vault-format.js';
import { unwrapWithPassword } from './vault-keys.js';

const NEXT = 'a brand new passphrase';
const Entries = z.array(z.string());

function fileOf(bytes: Uint8Array | null): VaultFile {
  if (bytes === null) throw new Error('no file');
  const decoded = decodeVaultFile(bytes);
  if (!decoded.ok) throw new Error('not a vault file');
  return decoded.file;
}

/** The data key an attacker gets from an old copy and the password that opened it then. */
async function oldKeyFrom(bytes: Uint8Array | null, password: string): Promise<Buffer> {
  const unwrapped = await unwrapWithPassword(password, fileOf(bytes).header);
  if (!unwrapped.ok) throw new Error('old password does not open the old copy');
  return unwrapped.dek;
}

/** The data key the OS keychain handed back for an old copy's keychain wrap. */
async function oldKeychainKeyFrom(
  bytes: Uint8Array | null,
  protector: InMemoryKeyProtector,
): Promise<Buffer> {
  const blob = fileOf(bytes).header.keychainWrap;
  if (blob === undefined) throw new Error('the old copy has no keychain wrap');
  return Buffer.from(await protector.unprotect(Buffer.from(blob, 'base64')));
}

const opensBody = (bytes: Uint8Array | null, dek: Buffer): boolean => {
  try {
    openVaultBody(fileOf(bytes), dek).fill(0);
    return true;
  } catch {
    return false;
  }
};

describe('data key rotation', () => {
  it('a password change makes a fresh data key: the old file and old password cannot open the new body', async () => {
    const { vault, files, reopen } = vaultFixture();
    await vault.create(PASSWORD);
    await vault.writeSection('entries', ['k1']);
    const oldCopy = await files.read();
    const oldDek = await oldKeyFrom(oldCopy, PASSWORD);
    expect(opensBody(oldCopy, oldDek)).toBe(true);

    await vault.changePassword(PASSWORD, NEXT);
    await vault.writeSection('entries', ['k1', 'k2']);

    expect(opensBody(files.file, oldDek)).toBe(false);
    expect(opensBody(files.backup, oldDek)).toBe(false);
    const reopened = reopen();
    await reopened.unlock(NEXT);
    expect(reopened.readSection('entries', Entries)).toEqual(['k1', 'k2']);
  });

  it('a password change with keychain unlock on re-wraps the fresh data key for the keychain', async () => {
    const protector = new InMemoryKeyProtector();
    const { vault, files, reopen } = vaultFixture(protector);
    await vault.create(PASSWORD);
    await vault.setKeychainUnlock(true, PASSWORD);
    await vault.writeSection('entries', ['k1']);
    const oldCopy = await files.read();
    const oldKeychainDek = await oldKeychainKeyFrom(oldCopy, protector);

    await vault.changePassword(PASSWORD, NEXT);

    expect(opensBody(files.file, oldKeychainDek)).toBe(false);
    const viaKeychain = reopen();
    await viaKeychain.unlockWithKeychain();
    expect(viaKeychain.readSection('entries', Entries)).toEqual(['k1']);
  });

  it('turning keychain unlock off makes a fresh data key: the keychain and the old file cannot open the new body', async () => {
    const protector = new InMemoryKeyProtector();
    const { vault, files, reopen } = vaultFixture(protector);
    await vault.create(PASSWORD);
    await vault.setKeychainUnlock(true, PASSWORD);
    await vault.writeSection('entries', ['k1']);
    const oldCopy = await files.read();
    const oldKeychainDek = await oldKeychainKeyFrom(oldCopy, protector);
    const oldDek = await oldKeyFrom(oldCopy, PASSWORD);

    await vault.setKeychainUnlock(false, PASSWORD);
    await vault.writeSection('entries', ['k1', 'k2']);

    expect(fileOf(files.file).header.keychainWrap).toBeUndefined();
    expect(opensBody(files.file, oldKeychainDek)).toBe(false);
    expect(opensBody(files.file, oldDek)).toBe(false);
    expect(opensBody(files.backup, oldDek)).toBe(false);
    const reopened = reopen();
    await reopened.unlock(PASSWORD);
    expect(reopened.readSection('entries', Entries)).toEqual(['k1', 'k2']);
  });

  it('turning keychain unlock on or off needs the master password and writes nothing without it', async () => {
    const { vault, files } = vaultFixture();
    await vault.create(PASSWORD);
    const writes = files.writes;
    await expect(vault.setKeychainUnlock(true, 'not the password')).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect(files.writes).toBe(writes);
    await vault.setKeychainUnlock(true, PASSWORD);
    const on = files.writes;
    await expect(vault.setKeychainUnlock(false, 'not the password')).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect(files.writes).toBe(on);
    expect(fileOf(files.file).header.keychainWrap).toBeDefined();
  });
});

describe('data key rotation on a real disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fkv-rotate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('after a password change no file in the vault folder opens with the old copy and old password', async () => {
    const protector = new InMemoryKeyProtector();
    const deps = {
      files: createNodeVaultFileStore(dir),
      protector,
      state: new MemoryStateStore(),
      clock: new FakeClock(),
      logger: new MemoryLogger(),
      kdf: { params: TINY_KDF },
      keepGenerations: () => 10,
    };
    const vault = new Vault(deps);
    await vault.create(PASSWORD);
    await vault.setKeychainUnlock(true, PASSWORD);
    await vault.writeSection('entries', ['k1']);
    const oldCopy = await readFile(join(dir, 'vault.fkv'));
    const oldDek = await oldKeyFrom(oldCopy, PASSWORD);
    const oldKeychainDek = await oldKeychainKeyFrom(oldCopy, protector);

    await vault.changePassword(PASSWORD, NEXT);
    await vault.writeSection('entries', ['k1', 'k2']);
    await vault.setKeychainUnlock(false, NEXT);
    await vault.writeSection('entries', ['k1', 'k2', 'k3']);
    vault.lock();

    // The automatic backups beside the vault count too: each is a whole vault file.
    const kept = join(dir, 'vault.fkv.generations');
    const backups = (await readdir(kept)).map((name) => join('vault.fkv.generations', name));
    expect(backups.length).toBeGreaterThan(0);
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.startsWith('vault.fkv'))
      .map((entry) => entry.name);
    expect(names).toContain('vault.fkv');
    for (const name of [...names, ...backups]) {
      const bytes = await readFile(join(dir, name));
      expect(opensBody(bytes, oldDek), name).toBe(false);
      expect(opensBody(bytes, oldKeychainDek), name).toBe(false);
    }
    const reopened = new Vault({ ...deps, files: createNodeVaultFileStore(dir) });
    await expect(reopened.unlock(PASSWORD)).rejects.toMatchObject({ code: 'wrong_password' });
    await reopened.unlock(NEXT);
    expect(reopened.readSection('entries', Entries)).toEqual(['k1', 'k2', 'k3']);
  });
});
