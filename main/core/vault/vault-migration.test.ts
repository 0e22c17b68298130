// The migration hook end to end: pretend this build's body schema is 2, open a schema-1 file.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { randomKey } from './aead.js';
import { PASSWORD, TINY_KDF, vaultFixture } from './testing/vault-fixture.js';
import type * as BodyModule from './vault-body.js';
import type { BodyMigration } from './vault-body.js';
import { FILE_FORMAT, decodeVaultFile, encodeVaultFile, openVaultBody } from './vault-format.js';
import type { HeaderFields } from './vault-format.js';
import { wrapWithPassword } from './vault-keys.js';

vi.mock('./vault-body.js', async (importOriginal) => {
  const real = await importOriginal<typeof BodyModule>();
  const table = new Map<number, BodyMigration>([
    [
      1,
      (body) => {
        const sections = body['sections'] as Record<string, unknown>;
        return { ...body, sections: { ...sections, keys: { list: sections['keys'] } } };
      },
    ],
  ]);
  return {
    ...real,
    BODY_SCHEMA_VERSION: 2,
    BODY_MIGRATIONS: table,
    migrateBody: (raw: unknown) => real.migrateBody(raw, table, 2),
  };
});

describe('Vault body migrations', () => {
  it('migrates on unlock, and saves the migrated body on the next write', async () => {
    const { files, logger, reopen } = vaultFixture();
    const dek = randomKey();
    const header: HeaderFields = {
      format: FILE_FORMAT,
      version: 1,
      counter: 1,
      ...(await wrapWithPassword(PASSWORD, TINY_KDF, dek)),
      createdAt: 1,
      updatedAt: 1,
    };
    const v1 = { schemaVersion: 1, sections: { keys: ['k1'] } };
    files.file = encodeVaultFile(header, dek, Buffer.from(JSON.stringify(v1))).bytes;
    const before = files.file;

    const vault = reopen();
    // A file made outside this app's history: opened as one copied in.
    await vault.unlock(PASSWORD, { allowRollback: true });
    const Keys = z.object({ list: z.array(z.string()) });
    expect(vault.readSection('keys', Keys)).toEqual({ list: ['k1'] });
    expect(files.file).toBe(before); // unlock never writes
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ message: 'vault data migrated', fields: { from: 1, to: 2 } }),
    );

    await vault.writeSection('other', true);
    const decoded = decodeVaultFile(files.file);
    if (!decoded.ok) throw new Error('expected a readable file');
    const body = JSON.parse(openVaultBody(decoded.file, dek).toString()) as unknown;
    expect(body).toEqual({ schemaVersion: 2, sections: { keys: { list: ['k1'] }, other: true } });
  });
});
