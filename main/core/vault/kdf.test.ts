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
