// Key handling around the header: derive, wrap and unwrap the data key, with every KEK and copy of
// the DEK zeroed as soon as it has served.
import { randomBytes, timingSafeEqual } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { KeyProtector, Logger, ProtectorAvailability } from '../ports.js';
import { KEY_BYTES, openKey, seal } from './aead.js';
import { SALT_BYTES, deriveKek } from './kdf.js';
import type { KdfCost } from './kdf.js';
import { PASSWORD_WRAP_AAD, fromSealed, toSealed } from './vault-format.js';
import type { VaultHeader } from './vault-format.js';

type KdfHeader = VaultHeader['kdf'];
type PasswordWrap = VaultHeader['passwordWrap'];

/** Rejects only for settings Argon2 itself refuses; the schema has already bounded them. */
async function derive(password: string, kdf: KdfHeader): Promise<Buffer | undefined> {
  try {
    return await deriveKek(password, { ...kdf, salt: Buffer.from(kdf.salt, 'base64') });
  } catch {
    return undefined;
  }
}

export type Unwrapped = { ok: true; dek: Buffer } | { ok: false; why: 'wrong' | 'unusable-kdf' };

/** A wrong password and a changed salt, cost or wrap look the same here, by design of AEAD. */
export async function unwrapWithPassword(
  password: string,
  header: Pick<VaultHeader, 'kdf' | 'passwordWrap'>,
  aad: Uint8Array = PASSWORD_WRAP_AAD,
): Promise<Unwrapped> {
  const kek = await derive(password, header.kdf);
  if (kek === undefined) return { ok: false, why: 'unusable-kdf' };
  try {
    return { ok: true, dek: openKey(kek, toSealed(header.passwordWrap), aad) };
  } catch {
    return { ok: false, why: 'wrong' };
  } finally {
    kek.fill(0);
  }
}

export async function wrapWithPassword(
  password: string,
  cost: KdfCost,
  dek: Uint8Array,
  aad: Uint8Array = PASSWORD_WRAP_AAD,
): Promise<{ kdf: KdfHeader; passwordWrap: PasswordWrap }> {
  const kdf: KdfHeader = {
    algorithm: 'argon2id',
    memoryKiB: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    salt: randomBytes(SALT_BYTES).toString('base64'),
  };
  const kek = await derive(password, kdf);
  if (kek === undefined) throw new AppError('internal', 'The key-derivation settings are invalid.');
  try {
    return { kdf, passwordWrap: fromSealed(seal(kek, dek, aad)) };
  } finally {
    kek.fill(0);
  }
}

export function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Copies into a buffer of our own and wipes the source, which came from outside. */
export function adoptKey(raw: Uint8Array): Buffer | undefined {
  try {
    if (raw.length !== KEY_BYTES) return undefined;
    const dek = Buffer.alloc(KEY_BYTES);
    dek.set(raw);
    return dek;
  } finally {
    raw.fill(0);
  }
}

/** The keychain's wrap of the DEK, checked by unwrapping it again before it is trusted. */
export async function keychainWrap(protector: KeyProtector, dek: Uint8Array): Promise<string> {
  const copy = Buffer.alloc(KEY_BYTES);
  copy.set(dek);
  let blob: Uint8Array;
  try {
    blob = await protector.protect(copy);
  } catch {
    throw new AppError('keychain_failed', 'The OS keychain could not store the vault key.');
  } finally {
    copy.fill(0);
  }
  const back = await protector.unprotect(blob).catch(() => undefined);
  const check = back === undefined ? undefined : adoptKey(back);
  const ok = check !== undefined && sameKey(check, dek);
  check?.fill(0);
  if (!ok) throw new AppError('keychain_failed', 'The OS keychain returned a different key.');
  return Buffer.from(blob).toString('base64');
}

/** The keychain wrap of a fresh data key, or none. When the keychain has gone away, keychain unlock
 * is turned off rather than blocking a password change, which may be urgent; status shows it. */
export async function keychainWrapOrNone(
  protector: KeyProtector,
  dek: Uint8Array,
  logger: Logger,
): Promise<{ keychainWrap?: string }> {
  if ((await availabilityOf(protector)).available) {
    const wrap = await keychainWrap(protector, dek).catch(() => undefined);
    if (wrap !== undefined) return { keychainWrap: wrap };
  }
  logger.warn('keychain unlock turned off: the keychain could not wrap the new data key');
  return {};
}

/** The keychain's own answer, or "unavailable" when it cannot even answer. */
export async function availabilityOf(protector: KeyProtector): Promise<ProtectorAvailability> {
  try {
    return await protector.availability();
  } catch {
    return { available: false, backend: 'unknown', reason: 'The OS keychain did not answer.' };
  }
}
