// Automatic local backups: the last N saves kept beside the vault, each the vault file of that
// save; one restored through the rollback prompt, which names its date and save number.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { openNodeVaultFileStore } from './node-file-store.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import { decodeVaultFile } from './vault-format.js';
import { Vault } from './vault.js';

const Step = z.number();

async function savedFive(keep: number) {
  const fx = vaultFixture();
  const vault = new Vault({ ...fx.deps, keepGenerations: () => keep });
  await vault.create(PASSWORD);
  for (let i = 1; i <= 5; i++) {
    fx.clock.advance(60_000);
    await vault.writeSection('step', i);
  }
  return { ...fx, vault };
}

describe('automatic local backups', () => {
  it('keeps the last N saves beside the vault, newest first, each the vault file as saved', async () => {
    const { vault, files } = await savedFive(3);
    const kept = await vault.generations();
    expect(kept.map((g) => g.counter)).toEqual([6, 5, 4]);
    expect(files.file).toEqual(await files.readGeneration(kept[0]?.id ?? ''));
    for (const g of kept) {
      const decoded = decodeVaultFile((await files.readGeneration(g.id)) ?? new Uint8Array());
      expect(decoded).toMatchObject({
        ok: true,
        file: { header: { counter: g.counter, updatedAt: g.savedAt } },
      });
    }
  });

  it('keeps none at 0', async () => {
    const { vault } = await savedFive(0);
    expect(await vault.generations()).toEqual([]);
  });

  it('restoring one locks; the unlock names its date and save number and opens it only when asked', async () => {
    const { vault } = await savedFive(10);
    const third = (await vault.generations()).find((g) => g.counter === 4);
    if (third === undefined) throw new Error('save 4 was not kept');
    await vault.restoreGeneration(third.id);
    expect(vault.isUnlocked).toBe(false);
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({
      code: 'vault_rollback',
      details: { counter: 4, updatedAt: third.savedAt },
    });
    await vault.unlock(PASSWORD, { allowRollback: true });
    expect(vault.readSection('step', Step)).toBe(3);
    // The vault as it was before the restore is still among the backups.
    expect((await vault.generations()).map((g) => g.counter)).toContain(6);
  });

  it('on disk: a folder beside the vault, owner-only files, and an id never reaches outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fkv-gen-'));
    try {
      const store = openNodeVaultFileStore({ dir });
      await store.write(Buffer.from('one'));
      await store.keepGeneration(Buffer.from('one'), 1, 2);
      await store.keepGeneration(Buffer.from('two'), 2, 2);
      await store.keepGeneration(Buffer.from('three'), 3, 2);
      expect(await store.generations()).toEqual(['000000000000003.fkv', '000000000000002.fkv']);
      expect(await readdir(join(dir, 'vault.fkv.generations'))).toHaveLength(2);
      await writeFile(join(dir, 'secret.fkv'), 'outside');
      expect(await store.readGeneration('../secret.fkv')).toBeNull();
      expect(await store.leftovers()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
