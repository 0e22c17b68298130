import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { randomKey } from './aead.js';
import type { ErrorCode } from '../../../common/errors.js';
import { flipBase64, flipBytes, parseFile, tamper } from './testing/tamper.js';
import type { FileParts } from './testing/tamper.js';
import { PASSWORD, TINY_KDF, vaultFixture } from './testing/vault-fixture.js';
import { FILE_FORMAT, encodeVaultFile } from './vault-format.js';
import type { HeaderFields } from './vault-format.js';
import { wrapWithPassword } from './vault-keys.js';

/** A locked vault with a section and a keychain wrap, so every header field is present. */
async function lockedVault(): Promise<ReturnType<typeof vaultFixture> & { original: Uint8Array }> {
  const fixture = vaultFixture();
  await fixture.vault.create(PASSWORD);
  await fixture.vault.writeSection('entries', [{ id: 'a', key: 'sk-secret' }]);
  await fixture.vault.setKeychainUnlock(true, PASSWORD);
  fixture.vault.lock();
  return { ...fixture, original: Uint8Array.from(fixture.files.file!) };
}

async function expectUnlockError(
  bytes: Uint8Array,
  code: ErrorCode,
): Promise<{ message: string; details?: unknown }> {
  const { files, reopen } = await lockedVault();
  files.file = bytes;
  const writes = files.writes;
  const error = (await reopen()
    .unlock(PASSWORD)
    .then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: string; message: string; details?: unknown } | undefined;
  expect(error?.code).toBe(code);
  expect(error?.message).toContain(files.path);
  expect(files.file).toBe(bytes); // the damaged file is never replaced by an error path
  expect(files.writes).toBe(writes);
  return error!;
}

const edits: [field: string, edit: (f: FileParts) => void, whenDigestRecomputed: ErrorCode][] = [
  ['format', (f) => (f.header['format'] = 'other-vault'), 'vault_corrupt'],
  ['version (newer)', (f) => (f.header['version'] = 2), 'vault_newer_version'],
  ['version (older)', (f) => (f.header['version'] = 0), 'vault_corrupt'],
  ['counter', (f) => (f.header['counter'] = Number(f.header['counter']) + 1), 'vault_tampered'],
  ['kdf.algorithm', (f) => (f.header.kdf['algorithm'] = 'argon2d'), 'vault_corrupt'],
  ['kdf.memoryKiB', (f) => (f.header.kdf['memoryKiB'] = 2048), 'wrong_password'],
  ['kdf.iterations', (f) => (f.header.kdf['iterations'] = 2), 'wrong_password'],
  ['kdf.parallelism', (f) => (f.header.kdf['parallelism'] = 2), 'wrong_password'],
  ['kdf.salt', (f) => (f.header.kdf['salt'] = flipBase64(f.header.kdf['salt'])), 'wrong_password'],
  [
    'passwordWrap.nonce',
    (f) => (f.header.passwordWrap['nonce'] = flipBase64(f.header.passwordWrap['nonce'])),
    'wrong_password',
  ],
  [
    'passwordWrap.ciphertext',
    (f) => (f.header.passwordWrap['ciphertext'] = flipBase64(f.header.passwordWrap['ciphertext'])),
    'wrong_password',
  ],
  [
    'passwordWrap.tag',
    (f) => (f.header.passwordWrap['tag'] = flipBase64(f.header.passwordWrap['tag'])),
    'wrong_password',
  ],
  [
    'keychainWrap',
    (f) => (f.header['keychainWrap'] = flipBase64(f.header['keychainWrap'])),
    'vault_tampered',
  ],
  ['keychainWrap (removed)', (f) => delete f.header['keychainWrap'], 'vault_tampered'],
  ['createdAt', (f) => (f.header['createdAt'] = 1), 'vault_tampered'],
  [
    'updatedAt',
    (f) => (f.header['updatedAt'] = Number(f.header['updatedAt']) + 1),
    'vault_tampered',
  ],
  ['an added field', (f) => (f.header['note'] = 'hi'), 'vault_tampered'],
  [
    'bodyLength',
    (f) => (f.header['bodyLength'] = Number(f.header['bodyLength']) - 1),
    'vault_corrupt',
  ],
];

describe('Vault tamper detection: header', () => {
  for (const [field, edit, recomputed] of edits) {
    it(`${field}, digest left alone → vault_corrupt`, async () => {
      const { original } = await lockedVault();
      const error = await expectUnlockError(tamper(original, edit, false), 'vault_corrupt');
      expect(error.details).toMatchObject({ backupAvailable: true, reason: 'digest-mismatch' });
    });
    it(`${field}, digest recomputed → ${recomputed}`, async () => {
      const { original } = await lockedVault();
      await expectUnlockError(tamper(original, edit, true), recomputed);
    });
  }

  it('a changed digest alone → vault_corrupt', async () => {
    const { original } = await lockedVault();
    await expectUnlockError(
      tamper(original, (f) => (f.headerDigest = '0'.repeat(64)), false),
      'vault_corrupt',
    );
  });
});

describe('Vault tamper detection: body', () => {
  for (const part of ['nonce', 'ciphertext', 'tag'] as const) {
    it(`body.${part} → vault_tampered (password) and keychain_failed (keychain)`, async () => {
      const { original, files, reopen } = await lockedVault();
      const bytes = tamper(original, (f) => (f.body[part] = flipBytes(f.body[part])), false);
      const error = await expectUnlockError(bytes, 'vault_tampered');
      expect(error.details).toEqual({ path: files.path, backupAvailable: true });
      files.file = bytes;
      await expect(reopen().unlockWithKeychain()).rejects.toMatchObject({
        code: 'keychain_failed',
      });
      expect(files.file).toBe(bytes);
    });
  }

  it('a body longer than its header says → vault_corrupt', async () => {
    const { original } = await lockedVault();
    const longer = Buffer.concat([original, Buffer.from([0])]);
    const error = await expectUnlockError(longer, 'vault_corrupt');
    expect(error.details).toMatchObject({ reason: 'bad-body' });
  });

  it('the untouched file still opens (the edits above are the only difference)', async () => {
    const { original, files, reopen } = await lockedVault();
    files.file = tamper(original, () => undefined, true);
    await reopen().unlock(PASSWORD);
  });
});

describe('Vault damaged files', () => {
  it('reports truncation at any length as vault_corrupt, naming the file', async () => {
    const { original } = await lockedVault();
    const lineEnd = Buffer.from(original).indexOf(0x0a);
    const inHeader = [0, 1, 17, 100, lineEnd - 1, lineEnd];
    const inBody = [lineEnd + 1, lineEnd + 13, original.length - 17, original.length - 1];
    for (const length of [...inHeader, ...inBody]) {
      const error = await expectUnlockError(original.subarray(0, length), 'vault_corrupt');
      expect(error.message).toMatch(/damaged/);
    }
  });

  it('reports garbage and non-vault JSON as vault_corrupt', async () => {
    await expectUnlockError(Uint8Array.from([0xff, 0xfe, 0x00]), 'vault_corrupt');
    await expectUnlockError(Buffer.from('{"hello":"world"}'), 'vault_corrupt');
    await expectUnlockError(Buffer.from('[]'), 'vault_corrupt');
  });

  it('names the file and the version for a newer format', async () => {
    const { original } = await lockedVault();
    const bytes = tamper(original, (f) => (f.header['version'] = 7), true);
    const error = await expectUnlockError(bytes, 'vault_newer_version');
    expect(error.message).toMatch(/newer version.*format 7/);
  });

  it('names the file for a body written by a newer data schema', async () => {
    const { files, reopen } = await lockedVault();
    const dek = randomKey();
    const header: HeaderFields = {
      format: FILE_FORMAT,
      version: 1,
      counter: 99,
      ...(await wrapWithPassword(PASSWORD, TINY_KDF, dek)),
      createdAt: 1,
      updatedAt: 1,
    };
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, sections: {} }));
    files.file = encodeVaultFile(header, dek, body).bytes;
    const error = await reopen()
      .unlock(PASSWORD)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'vault_newer_version', details: { what: 'data schema' } });
    expect(parseFile(files.file).header['counter']).toBe(99);
    // And a well-formed body of the current schema opens, proving the file itself is valid.
    files.file = encodeVaultFile(
      header,
      dek,
      Buffer.from('{"schemaVersion":1,"sections":{"n":4}}'),
    ).bytes;
    const vault = reopen();
    // Made under another data key, so outside this app's history: opened as one copied in.
    await vault.unlock(PASSWORD, { allowRollback: true });
    expect(vault.readSection('n', z.number())).toBe(4);
  });
});
