import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import {
  PASSPHRASE,
  PASSWORD,
  VALUE_MARK,
  coreWith,
  errorOf,
  sampleSections,
  sectionsOf,
} from './testing/backup-fixture.js';

const NAMES = ['instances', 'keys', 'rotations', 'delivery', 'publicFlows', 'policies'];

/** Each section's arrays in one order: a vault's records are a set, grouped by instance on import. */
function normalized(sections: Record<string, unknown>): Record<string, unknown> {
  const sortDeep = (value: unknown): unknown => {
    if (Array.isArray(value))
      return value.map(sortDeep).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortDeep(v)]));
    return value;
  };
  return sortDeep(sections) as Record<string, unknown>;
}

describe('backup round trip', () => {
  it('exports 3 instances, 50 keys, a rotation in grace, targets and policies, and a fresh vault imports them equal', async () => {
    const sample = sampleSections({ instances: 3, keys: 50 });
    const source = await coreWith(sample);
    const file = await source.core.impl.backup.export({
      password: PASSWORD,
      passphrase: PASSPHRASE,
      includeAudit: false,
    });
    expect(file.instances).toBe(3);
    expect(file.fileName).toMatch(/^flowise-key-vault-\d{4}-\d{2}-\d{2}\.fkvbak$/);
    // Sealed: no admin key, key value or stashed rotation value readable in the file.
    expect(Buffer.from(file.content, 'base64').toString('latin1')).not.toContain(VALUE_MARK);

    const target = await coreWith(undefined);
    const preview = await target.core.impl.backup.preview({
      content: file.content,
      passphrase: PASSPHRASE,
    });
    expect(preview.fingerprint).toBe(file.fingerprint);
    expect(preview.items.map((i) => i.status)).toEqual(['new', 'new', 'new']);
    expect(preview.items.map((i) => i.keys)).toEqual([17, 17, 16]);
    expect(preview.items[0]?.rotations).toBe(1);
    expect(preview.items[1]?.targets).toBe(1);

    const result = await target.core.impl.backup.import({
      content: file.content,
      passphrase: PASSPHRASE,
      resolutions: {},
    });
    expect(result).toMatchObject({ added: 3, replaced: 0, keptBoth: 0, keptMine: 0, identical: 0 });
    expect(normalized(await sectionsOf(target.core, target.ports, NAMES))).toEqual(
      normalized(sample),
    );
  });

  it('a wrong passphrase is refused as such and changes nothing', async () => {
    const source = await coreWith(sampleSections({ instances: 3, keys: 50 }));
    const file = await source.core.impl.backup.export({
      password: PASSWORD,
      passphrase: PASSPHRASE,
      includeAudit: true,
    });
    const target = await coreWith(sampleSections({ instances: 1, keys: 2 }));
    const { files } = target;
    const before = Buffer.from(files.file ?? []);
    const writes = files.writes;
    for (const call of [
      () => target.core.impl.backup.preview({ content: file.content, passphrase: 'not it at all' }),
      () =>
        target.core.impl.backup.import({
          content: file.content,
          passphrase: 'not it at all',
          resolutions: {},
        }),
    ]) {
      const error = await errorOf(call);
      expect(isAppError(error, 'backup_wrong_passphrase')).toBe(true);
      expect((error as Error).message).toMatch(/passphrase does not open this backup/);
    }
    expect(files.writes).toBe(writes);
    expect(Buffer.from(files.file ?? []).equals(before)).toBe(true);
  });
});
