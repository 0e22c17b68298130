// The key-derivation settings in a vault header are not trusted as they come: below a floor the
// file was weakened (refused as tampered), above a ceiling it would tie up memory and time (refused
// before deriving anything), and between the floor and today's policy it opens and is re-wrapped.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { randomKey } from './aead.js';
import { KDF_FLOOR, KDF_MINIMUM } from './kdf.js';
import type { KdfCost } from './kdf.js';
import type * as Kdf from './kdf.js';
import { tamper } from './testing/tamper.js';
import { PASSWORD, vaultFixture } from './testing/vault-fixture.js';
import { FILE_FORMAT, FORMAT_VERSION, decodeVaultFile, encodeVaultFile } from './vault-format.js';
import { wrapWithPassword } from './vault-keys.js';
import { bodyText } from './vault-session.js';

const derived = vi.hoisted(() => ({ costs: [] as { memoryKiB: number; iterations: number }[] }));

vi.mock('./kdf.js', async (importOriginal) => {
  const original = await importOriginal<typeof Kdf>();
  return {
    ...original,
    deriveKek: (...args: Parameters<typeof original.deriveKek>) => {
      const [, params] = args;
      derived.costs.push({ memoryKiB: params.memoryKiB, iterations: params.iterations });
      // Never spend minutes here if a check is missing: fail the way a refusing Argon2 would.
      if (params.memoryKiB * params.iterations > 256 * 1024 * 4)
        return Promise.reject(new Error('test refuses a derivation this large'));
      return original.deriveKek(...args);
    },
  };
});

afterEach(() => {
  derived.costs.length = 0;
});

const Entries = z.array(z.string());

/** A well-formed vault file whose password wrap was made at `cost`, as any holder of the
 * password could make one. */
async function fileAt(cost: KdfCost): Promise<Uint8Array> {
  const dek = randomKey();
  const wrapped = await wrapWithPassword(PASSWORD, cost, dek);
  const body = Buffer.from(bodyText(new Map([['entries', JSON.stringify(['k1'])]])));
  const { bytes } = encodeVaultFile(
    {
      format: FILE_FORMAT,
      version: FORMAT_VERSION,
      counter: 1,
      ...wrapped,
      createdAt: 1,
      updatedAt: 1,
    },
    dek,
    body,
  );
  return bytes;
}

/** The app as shipped: today's policy, and so the production floor. */
const atPolicy = (): ReturnType<typeof vaultFixture> => {
  const fixture = vaultFixture();
  fixture.deps.kdf = { params: KDF_MINIMUM };
  return fixture;
};

const kdfOf = (bytes: Uint8Array | null): KdfCost => {
  const decoded = bytes === null ? undefined : decodeVaultFile(bytes);
  if (decoded?.ok !== true) throw new Error('not a vault file');
  return decoded.file.header.kdf;
};

describe('key-derivation settings from the header', () => {
  it('a header lowered below the floor is refused as tampered, in words that say so, before deriving', async () => {
    const { files, reopen, deps } = atPolicy();
    await reopen().create(PASSWORD);
    const lowered = tamper(
      files.file!,
      (f) => {
        f.header.kdf['memoryKiB'] = 8 * 1024;
        f.header.kdf['iterations'] = 1;
      },
      true,
    );
    files.file = lowered;
    derived.costs.length = 0;
    const error = await reopen()
      .unlock(PASSWORD, { allowRollback: true })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'vault_tampered',
      details: { path: files.path, reason: 'kdf-lowered' },
    });
    expect((error as Error).message).toMatch(/key-derivation settings were lowered/);
    expect((error as Error).message).not.toMatch(/password does not open/);
    expect(derived.costs).toEqual([]);
    expect(files.file).toBe(lowered);
    expect(deps.kdf).toEqual({ params: KDF_MINIMUM });
  });

  it('a well-formed file made below the floor does not open either, even with the right password', async () => {
    const { files, reopen } = atPolicy();
    files.file = await fileAt({ memoryKiB: 8 * 1024, iterations: 2, parallelism: 1 });
    await expect(reopen().unlock(PASSWORD, { allowRollback: true })).rejects.toMatchObject({
      code: 'vault_tampered',
      details: { reason: 'kdf-lowered' },
    });
  });

  for (const [name, kdf] of [
    ['memory above 1 GiB', { memoryKiB: 4 * 1024 * 1024 }],
    ['more than 32 passes', { iterations: 1000 }],
    ['more than 16 lanes', { parallelism: 64, memoryKiB: 64 * 1024 }],
    ['1 GiB with 32 passes', { memoryKiB: 1024 * 1024, iterations: 32 }],
  ] as const) {
    it(`a header asking for ${name} is refused as tampered before deriving anything`, async () => {
      const { files, reopen } = atPolicy();
      await reopen().create(PASSWORD);
      files.file = tamper(files.file!, (f) => Object.assign(f.header.kdf, kdf), true);
      derived.costs.length = 0;
      const error = await reopen()
        .unlock(PASSWORD, { allowRollback: true })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'vault_tampered', details: { reason: 'kdf-excessive' } });
      expect(derived.costs).toEqual([]);
    });
  }

  it('a header between the floor and the current policy opens and is re-wrapped at the current cost', async () => {
    const { files, reopen, logger } = atPolicy();
    files.file = await fileAt(KDF_FLOOR);
    const vault = reopen();
    await vault.unlock(PASSWORD, { allowRollback: true });
    expect(vault.readSection('entries', Entries)).toEqual(['k1']);
    expect(kdfOf(files.file)).toMatchObject(KDF_MINIMUM);
    const line = logger.lines.find((l) => l.message.includes('key-derivation cost raised'));
    expect(line?.fields).toEqual({
      fromMemoryKiB: KDF_FLOOR.memoryKiB,
      fromIterations: KDF_FLOOR.iterations,
      toMemoryKiB: KDF_MINIMUM.memoryKiB,
      toIterations: KDF_MINIMUM.iterations,
    });
    vault.lock();
    await vault.unlock(PASSWORD);
    expect(vault.readSection('entries', Entries)).toEqual(['k1']);
  });

  it('a vault file written by the hash-wasm build still opens with its password', async () => {
    const { files, reopen } = atPolicy();
    files.file = await readFile(join(import.meta.dirname, 'testing', 'hash-wasm-v1.fkv'));
    const vault = reopen();
    await vault.unlock('hash-wasm made this vault', { allowRollback: true });
    expect(vault.readSection('entries', Entries)).toEqual([
      'made before the switch to @node-rs/argon2',
    ]);
  });
});
