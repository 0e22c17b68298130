import { beforeAll, describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import { TINY_KDF } from '../vault/testing/vault-fixture.js';
import { headerDigest } from '../vault/vault-format.js';
import { sealBackup } from './backup-file.js';
import type { BackupFixture } from './testing/backup-fixture.js';
import {
  PASSPHRASE,
  PASSWORD,
  coreWith,
  errorOf,
  sampleSections,
} from './testing/backup-fixture.js';

let good: Buffer;
let target: BackupFixture;

beforeAll(async () => {
  const source = await coreWith(sampleSections({ instances: 3, keys: 6 }));
  const file = await source.core.impl.backup.export({
    password: PASSWORD,
    passphrase: PASSPHRASE,
    includeAudit: true,
  });
  good = Buffer.from(file.content, 'base64');
  target = await coreWith(sampleSections({ instances: 2, keys: 4 }));
});

/** Tries preview and import; both must refuse with `code` (and `reason`), the vault untouched. */
async function refused(bytes: Buffer, code: string, reason?: string): Promise<string> {
  const { files } = target;
  const before = Buffer.from(files.file ?? []);
  const writes = files.writes;
  const content = bytes.toString('base64');
  let message = '';
  for (const call of [
    () => target.core.impl.backup.preview({ content, passphrase: PASSPHRASE }),
    () => target.core.impl.backup.import({ content, passphrase: PASSPHRASE, resolutions: {} }),
  ]) {
    const error = await errorOf(call);
    expect(isAppError(error), String(error)).toBe(true);
    if (!isAppError(error)) throw new Error('unreachable');
    expect(error.code).toBe(code);
    if (reason !== undefined) expect(error.details?.['reason']).toBe(reason);
    expect(error.message).toMatch(/Nothing was changed\.$/);
    message = error.message;
  }
  expect(files.writes).toBe(writes);
  expect(Buffer.from(files.file ?? []).equals(before)).toBe(true);
  return message;
}

/** The same file with its header changed and its digest made to match again. */
function withHeader(bytes: Buffer, change: (header: Record<string, unknown>) => void): Buffer {
  const end = bytes.indexOf(0x0a);
  const line = JSON.parse(bytes.subarray(0, end).toString('utf8')) as {
    header: Record<string, unknown>;
  };
  change(line.header);
  const head = JSON.stringify({ header: line.header, headerDigest: headerDigest(line.header) });
  return Buffer.concat([Buffer.from(`${head}\n`), bytes.subarray(end + 1)]);
}

describe('a backup that cannot be imported gets a clear error and changes nothing', () => {
  it('refuses a truncated backup', async () => {
    expect(
      await refused(good.subarray(0, good.length - 20), 'backup_invalid', 'truncated'),
    ).toMatch(/cut short/);
    await refused(good.subarray(0, 30), 'backup_invalid', 'not-json');
    await refused(Buffer.alloc(0), 'backup_invalid', 'empty');
  });

  it('refuses a bit-flipped backup, in its body or its header', async () => {
    const body = Buffer.from(good);
    body[body.length - 40] = (body[body.length - 40] ?? 0) ^ 0x01;
    expect(await refused(body, 'backup_invalid', 'altered')).toMatch(/damaged or was altered/);
    const header = Buffer.from(good);
    header[20] = (header[20] ?? 0) ^ 0x02;
    await refused(header, 'backup_invalid');
  });

  it('refuses a header altered with a matching digest (the body is bound to it)', async () => {
    const later = withHeader(good, (h) => {
      h['createdAt'] = Number(h['createdAt']) + 1;
    });
    await refused(later, 'backup_invalid', 'altered');
  });

  it('refuses a wrong passphrase with its own words', async () => {
    const { files } = target;
    const before = Buffer.from(files.file ?? []);
    const error = await errorOf(() =>
      target.core.impl.backup.import({
        content: good.toString('base64'),
        passphrase: 'another passphrase',
        resolutions: {},
      }),
    );
    expect(isAppError(error, 'backup_wrong_passphrase')).toBe(true);
    expect(Buffer.from(files.file ?? []).equals(before)).toBe(true);
  });

  it('refuses a backup of a future format version, naming the version', async () => {
    const future = withHeader(good, (h) => {
      h['version'] = 2;
    });
    expect(await refused(future, 'backup_invalid', 'newer')).toMatch(/newer version of the app/);
  });

  it('refuses a file that is not a backup: a vault file, text, a JSON document', async () => {
    const { files } = target;
    expect(await refused(Buffer.from(files.file ?? []), 'backup_invalid', 'vault-file')).toMatch(
      /a vault, not a backup/,
    );
    await refused(Buffer.from('hello, this is a text file\n'), 'backup_invalid', 'not-json');
    expect(
      await refused(Buffer.from('{"name":"flow"}\n{}'), 'backup_invalid', 'not-a-backup'),
    ).toMatch(/not a Flowise Key Vault backup/);
  });

  it('refuses a backup whose instance ids collide', async () => {
    const sample = sampleSections({ instances: 2, keys: 2 });
    const [first] = sample.instances.instances;
    const content = {
      kind: 'fkv-backup-content',
      schemaVersion: 1,
      createdAt: 1,
      instances: [first, { ...first, name: 'twin' }],
      sections: { keys: [], rotations: [], delivery: [], publicFlows: [] },
    };
    const bytes = await sealBackup(PASSPHRASE, TINY_KDF, 1, Buffer.from(JSON.stringify(content)));
    expect(await refused(bytes, 'backup_invalid', 'colliding-ids')).toMatch(/same id/);
  });

  it('refuses contents it does not know, though sealed with the right passphrase', async () => {
    const bytes = await sealBackup(PASSPHRASE, TINY_KDF, 1, Buffer.from('{"kind":"other"}'));
    await refused(bytes, 'backup_invalid', 'bad-contents');
  });
});
