import { describe, expect, it } from 'vitest';

import {
  KDF_MAX_ITERATIONS,
  KDF_MINIMUM,
  KDF_TARGET_MS,
  calibrateKdf,
  deriveKek,
  resolveKdfCost,
} from './kdf.js';
import type { KdfCost } from './kdf.js';

const fixedMeasure =
  (ms: number, seen: KdfCost[] = []) =>
  (cost: KdfCost): Promise<number> => {
    seen.push(cost);
    return Promise.resolve(ms);
  };

describe('KDF policy', () => {
  it('never goes below 64 MiB, three passes, one lane', () => {
    expect(KDF_MINIMUM.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(KDF_MINIMUM.iterations).toBeGreaterThanOrEqual(3);
    expect(KDF_MINIMUM.parallelism).toBe(1);
    expect(KDF_TARGET_MS).toBe(600);
  });

  it('measures once at the minimum and raises passes toward the target', async () => {
    const seen: KdfCost[] = [];
    // 250 ms for three passes ≈ 83 ms a pass → about seven passes for 600 ms.
    expect(await calibrateKdf(fixedMeasure(250, seen))).toEqual({ ...KDF_MINIMUM, iterations: 7 });
    expect(seen).toEqual([KDF_MINIMUM]);
  });

  it('clamps to the minimum on a slow machine and to the maximum on a fast one', async () => {
    expect(await calibrateKdf(fixedMeasure(5_000))).toEqual(KDF_MINIMUM);
    expect(await calibrateKdf(fixedMeasure(3))).toEqual({
      ...KDF_MINIMUM,
      iterations: KDF_MAX_ITERATIONS,
    });
    expect((await calibrateKdf(fixedMeasure(0))).iterations).toBe(KDF_MAX_ITERATIONS);
    expect((await calibrateKdf(fixedMeasure(Number.NaN))).iterations).toBe(KDF_MAX_ITERATIONS);
  });

  it('uses an injected cost as is, and calibrates only without one', async () => {
    const tiny = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
    const seen: KdfCost[] = [];
    expect(await resolveKdfCost(tiny, fixedMeasure(1, seen))).toEqual(tiny);
    expect(seen).toEqual([]);
    const calibrated = await resolveKdfCost(undefined, fixedMeasure(300, seen));
    expect(calibrated.memoryKiB).toBeGreaterThanOrEqual(65536);
    expect(calibrated.iterations).toBeGreaterThanOrEqual(3);
  });

  it('derives a 32-byte key that depends on password, salt and cost', async () => {
    const salt = new Uint8Array(16).fill(1);
    const base = { memoryKiB: 64, iterations: 1, parallelism: 1, salt };
    const a = await deriveKek('password one', base);
    expect(a.length).toBe(32);
    expect(await deriveKek('password one', base)).toEqual(a);
    expect(await deriveKek('password two', base)).not.toEqual(a);
    expect(await deriveKek('password one', { ...base, salt: new Uint8Array(16) })).not.toEqual(a);
    expect(await deriveKek('password one', { ...base, iterations: 2 })).not.toEqual(a);
  });
});

/** Argon2id outputs recorded from hash-wasm, the implementation every existing vault was made with. */
const HASH_WASM_VECTORS = [
  {
    password: 'correct horse battery staple',
    salt: '000102030405060708090a0b0c0d0e0f',
    cost: { memoryKiB: 65536, iterations: 3, parallelism: 1 },
    hex: '0d1a3c6523c8f06e4e0af9c515aa5b5448cfebd6838f2d52c3d8b6ef8ddc3c2e',
  },
  {
    password: 'pässwörd ✓ 🔑',
    salt: 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5',
    cost: { memoryKiB: 19456, iterations: 2, parallelism: 1 },
    hex: '415304df64d599ce0d14fda25e36d88bbd5d353eaf0302ebffa125a872a3725f',
  },
  {
    password: 'x',
    salt: '01010101010101010101010101010101',
    cost: { memoryKiB: 1024, iterations: 1, parallelism: 4 },
    hex: '88399ab0e1abf0f619d8d2189358a94d549cbcbe67d0f9b547f1095652e04bb7',
  },
];

describe('Argon2id implementation', () => {
  it('reproduces the keys hash-wasm derived, so vaults made before the switch still open', async () => {
    for (const { password, salt, cost, hex } of HASH_WASM_VECTORS) {
      const kek = await deriveKek(password, { ...cost, salt: Buffer.from(salt, 'hex') });
      expect(kek.toString('hex'), password).toBe(hex);
    }
  });

  it('a 64 MiB derivation does not block the event loop', async () => {
    let ticks = 0;
    let running = true;
    const tick = (): void => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const salt = new Uint8Array(16).fill(3);
    const kek = await deriveKek('event loop', { ...KDF_MINIMUM, salt });
    running = false;
    kek.fill(0);
    // Blocking code lets the loop turn once or twice at most; off the main thread it keeps turning.
    expect(ticks).toBeGreaterThan(20);
  });
});
