// Mutates a real .fkvbak a thousand ways (bit flips, bytes changed, cut, dropped, inserted,
// appended, swapped, repeated) and imports each into an open vault: every one must be refused
// with a clear error (the backup's own codes, words that end "Nothing was changed.") and the
// vault file must stay byte-identical, with no write at all.
import { beforeAll, describe, expect, it } from 'vitest';

import { isAppError } from '../../common/errors.js';
import type { BackupFixture } from '../../main/core/backup/testing/backup-fixture.js';
import {
  PASSPHRASE,
  PASSWORD,
  coreWith,
  errorOf,
  sampleSections,
} from '../../main/core/backup/testing/backup-fixture.js';
import type { Rng } from './random.js';
import { createRng } from './random.js';

const MUTATIONS = 1000;
const SEED = Number(process.env['FKV_FUZZ_SEED'] ?? 0xbac0);

type Mutation = (bytes: Buffer, rng: Rng) => Buffer;

const at = (bytes: Buffer, rng: Rng): number => rng.int(bytes.length);
/** Mutations favour the header line (short, where parsing happens) half of the time. */
const near = (bytes: Buffer, rng: Rng): number =>
  rng.chance(0.5) ? rng.int(Math.max(1, bytes.indexOf(0x0a) + 1)) : at(bytes, rng);

const MUTATORS: Record<string, Mutation> = {
  flipBit: (b, rng) => {
    const out = Buffer.from(b);
    const i = near(b, rng);
    out[i] = (out[i] ?? 0) ^ (1 << rng.int(8));
    return out;
  },
  setByte: (b, rng) => {
    const out = Buffer.from(b);
    out[near(b, rng)] = rng.int(256);
    return out;
  },
  truncate: (b, rng) => b.subarray(0, at(b, rng)),
  dropByte: (b, rng) => {
    const i = near(b, rng);
    return Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
  },
  insertByte: (b, rng) => {
    const i = near(b, rng);
    return Buffer.concat([b.subarray(0, i), Buffer.from([rng.int(256)]), b.subarray(i)]);
  },
  append: (b, rng) =>
    Buffer.concat([b, Buffer.from(Array.from({ length: 1 + rng.int(32) }, () => rng.int(256)))]),
  swap: (b, rng) => {
    const out = Buffer.from(b);
    const i = near(b, rng);
    const j = at(b, rng);
    out[i] = b[j] ?? 0;
    out[j] = b[i] ?? 0;
    return out;
  },
  repeatRange: (b, rng) => {
    const i = near(b, rng);
    const end = Math.min(b.length, i + 1 + rng.int(64));
    return Buffer.concat([b.subarray(0, end), b.subarray(i, end), b.subarray(end)]);
  },
};
const NAMES = Object.keys(MUTATORS);

let original: Buffer;
let target: BackupFixture;

beforeAll(async () => {
  const source = await coreWith(sampleSections({ instances: 3, keys: 12 }));
  const file = await source.core.impl.backup.export({
    password: PASSWORD,
    passphrase: PASSPHRASE,
    includeAudit: true,
  });
  original = Buffer.from(file.content, 'base64');
  target = await coreWith(sampleSections({ instances: 2, keys: 4 }));
});

describe(`backup fuzzing (seed ${String(SEED)}, ${String(MUTATIONS)} mutations)`, () => {
  it('the unmutated backup does import (so the refusals below are the mutations)', async () => {
    const fresh = await coreWith(undefined);
    const result = await fresh.core.impl.backup.import({
      content: original.toString('base64'),
      passphrase: PASSPHRASE,
      resolutions: {},
    });
    expect(result.added).toBe(3);
  });

  it('refuses every mutation with a clear error and leaves the vault byte-identical', async () => {
    const rng = createRng(SEED);
    const before = Buffer.from(target.files.file ?? []);
    const writes = target.files.writes;
    const seen = new Map<string, number>();
    for (let n = 0; n < MUTATIONS; n++) {
      const name = rng.pick(NAMES);
      let mutated = (MUTATORS[name] as Mutation)(original, rng);
      while (mutated.equals(original)) mutated = (MUTATORS['flipBit'] as Mutation)(original, rng);
      const error = await errorOf(() =>
        target.core.impl.backup.import({
          content: mutated.toString('base64'),
          passphrase: PASSPHRASE,
          resolutions: {},
        }),
      );
      const what = `mutation ${String(n)} (${name}, seed ${String(SEED)})`;
      expect(isAppError(error), what).toBe(true);
      if (!isAppError(error)) return;
      expect(['backup_invalid', 'backup_wrong_passphrase'], what).toContain(error.code);
      expect(error.message, what).toMatch(/^[A-Z].{10,}Nothing was changed\.$/s);
      const reason = String(error.details?.['reason'] ?? error.code);
      seen.set(reason, (seen.get(reason) ?? 0) + 1);
    }
    expect(target.files.writes).toBe(writes);
    expect(Buffer.from(target.files.file ?? []).equals(before)).toBe(true);
    // The mutations reach past the header check into the sealed body, not only the first line.
    expect(seen.get('altered') ?? 0).toBeGreaterThan(50);
    expect(seen.get('digest-mismatch') ?? 0).toBeGreaterThan(50);
  });
});
