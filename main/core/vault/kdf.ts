// Master password → key-encryption key, with Argon2id from @node-rs/argon2: a prebuilt N-API addon
// (one npm package per platform, unpacked from the asar) whose async hashRaw runs on the libuv
// thread pool, so a derivation never blocks the main process. Node's crypto.argon2 is absent from
// Electron's BoringSSL build. Its output is byte-for-byte that of hash-wasm, which earlier builds
// used (kdf.test.ts keeps vectors recorded from it), so every existing vault still opens.
import { performance } from 'node:perf_hooks';

import { hashRaw } from '@node-rs/argon2';

import { KEY_BYTES } from './aead.js';

export interface KdfCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** What the header stores: the cost plus the salt. */
export interface KdfParams extends KdfCost {
  salt: Uint8Array;
}

/** Never below OWASP's Argon2id floor and Bitwarden's defaults for memory and passes. */
export const KDF_MINIMUM: Readonly<KdfCost> = {
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
};
/** Unlock time calibration aims for (KeePassXC benchmarks to a target time the same way). */
export const KDF_TARGET_MS = 600;
/** Bitwarden's upper bound for Argon2 passes: keeps unlock tolerable on a machine slower than the
 * one that calibrated. */
export const KDF_MAX_ITERATIONS = 10;
export const SALT_BYTES = 16;

/** OWASP's lowest recommended Argon2id setting (m = 19 MiB, t = 2, p = 1). No version of this app
 * ever wrote less, so a header below it was lowered by someone else (to make the password cheap to
 * guess): refused as tampered. Between this floor and KDF_MINIMUM a file still opens, and its
 * password wrap is redone at today's cost. */
export const KDF_FLOOR: Readonly<KdfCost> = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
/** The most a header may ask for. Above it a forged header would make unlock allocate gigabytes or
 * spin for minutes, so it is refused before anything is derived. Calibration stays far below
 * (64 MiB, at most KDF_MAX_ITERATIONS passes, one lane). */
export const KDF_CEILING: Readonly<KdfCost> = {
  memoryKiB: 1024 * 1024,
  iterations: 32,
  parallelism: 16,
};
/** Memory × passes, in KiB: 1 GiB four times over, or 64 MiB sixty-four times, is about the most
 * work one unlock may cost on a slow laptop (tens of seconds). */
export const KDF_MAX_WORK = 4 * 1024 * 1024;

/** What unlock does with a header's cost: open it, open it and redo the wrap at today's cost, or
 * refuse it as lowered or as excessive. */
export type KdfVerdict = 'ok' | 'below-policy' | 'lowered' | 'excessive';

export interface KdfBounds {
  floor: KdfCost;
  policy: KdfCost;
}

/** The app's bounds; an injected cost (tests, the harness) is today's policy, and lowers the floor
 * to itself when it is tinier. */
export function kdfBounds(injected: KdfCost | undefined): KdfBounds {
  if (injected === undefined) return { floor: { ...KDF_FLOOR }, policy: { ...KDF_MINIMUM } };
  return {
    floor: {
      memoryKiB: Math.min(KDF_FLOOR.memoryKiB, injected.memoryKiB),
      iterations: Math.min(KDF_FLOOR.iterations, injected.iterations),
      parallelism: 1,
    },
    policy: { ...injected },
  };
}

export function judgeKdf(cost: KdfCost, { floor, policy }: KdfBounds): KdfVerdict {
  if (
    cost.memoryKiB > KDF_CEILING.memoryKiB ||
    cost.iterations > KDF_CEILING.iterations ||
    cost.parallelism > KDF_CEILING.parallelism ||
    cost.memoryKiB * cost.iterations > KDF_MAX_WORK
  )
    return 'excessive';
  if (cost.memoryKiB < floor.memoryKiB || cost.iterations < floor.iterations) return 'lowered';
  if (cost.memoryKiB < policy.memoryKiB || cost.iterations < policy.iterations)
    return 'below-policy';
  return 'ok';
}

export async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  // A Buffer the addon allocated for this call alone, so the caller's fill(0) wipes the only copy.
  // Argon2id, version 0x13, are the addon's defaults (its Algorithm is a const enum that isolated
  // modules cannot read); the hash-wasm vectors in kdf.test.ts fail under anything else.
  return hashRaw(password, {
    salt: params.salt,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: KEY_BYTES,
  });
}

export type MeasureDerive = (cost: KdfCost) => Promise<number>;

/** Wall time of one derivation, after a tiny warm-up so loading the addon is not counted. */
export async function measureDerive(cost: KdfCost): Promise<number> {
  const salt = new Uint8Array(SALT_BYTES);
  const warm = { memoryKiB: 64, iterations: 1, parallelism: 1, salt };
  (await deriveKek('calibration', warm)).fill(0);
  const start = performance.now();
  (await deriveKek('calibration', { ...cost, salt })).fill(0);
  return performance.now() - start;
}

/** One derive at the minimum, then as many passes as fit the target, clamped to [min, max]. */
export async function calibrateKdf(measure: MeasureDerive = measureDerive): Promise<KdfCost> {
  const elapsed = await measure(KDF_MINIMUM);
  const perPass = elapsed / KDF_MINIMUM.iterations;
  const wanted =
    Number.isFinite(perPass) && perPass > 0
      ? Math.round(KDF_TARGET_MS / perPass)
      : KDF_MAX_ITERATIONS;
  const iterations = Math.min(KDF_MAX_ITERATIONS, Math.max(KDF_MINIMUM.iterations, wanted));
  return { ...KDF_MINIMUM, iterations };
}

/** Injected cost (tests, harness) wins; otherwise calibrate on this machine. */
export async function resolveKdfCost(
  injected: KdfCost | undefined,
  measure?: MeasureDerive,
): Promise<KdfCost> {
  if (injected !== undefined) return { ...injected };
  return calibrateKdf(measure);
}
