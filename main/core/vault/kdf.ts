// Master password → key-encryption key, with Argon2id from hash-wasm (pure WASM: Node's
// crypto.argon2 does not exist in Electron's BoringSSL build, and the native addon is not shipped).
import { performance } from 'node:perf_hooks';

import { argon2id } from 'hash-wasm';

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

export async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  const out = await argon2id({
    password,
    salt: params.salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: KEY_BYTES,
    outputType: 'binary',
  });
  // A view over the same bytes, so the caller's fill(0) wipes the only copy we hold.
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export type MeasureDerive = (cost: KdfCost) => Promise<number>;

/** Wall time of one derivation, after a tiny warm-up so WASM compilation is not counted. */
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
