// Every error the vault raises, worded once. Messages name the file, never a secret.
import { AppError } from '../../../common/errors.js';

/** Why a file is unreadable; filled into the corrupt message. Never includes file content. */
export type CorruptReason =
  | 'empty'
  | 'not-json'
  | 'not-a-vault'
  | 'digest-mismatch'
  | 'bad-header'
  | 'bad-body'
  | 'truncated'
  | 'unusable-kdf'
  | 'bad-contents';

const REASONS: Record<CorruptReason, string> = {
  empty: 'it is empty',
  'not-json': 'it is truncated or not readable',
  'not-a-vault': 'it is not a Flowise Key Vault file',
  'digest-mismatch': 'its header checksum does not match',
  'bad-header': 'its header is incomplete or malformed',
  'bad-body': 'its encrypted contents are malformed',
  truncated: 'it is cut short',
  'unusable-kdf': 'its key-derivation settings cannot be used',
  'bad-contents': 'its decrypted contents are not in a known shape',
};

const backupHint = (backupAvailable: boolean): string =>
  backupAvailable
    ? 'The file was left untouched and a backup of the previous save is available.'
    : 'The file was left untouched; no backup is available.';

export function corruptError(
  path: string,
  reason: CorruptReason,
  backupAvailable: boolean,
): AppError {
  return new AppError(
    'vault_corrupt',
    `The vault file ${path} is damaged: ${REASONS[reason]}. ${backupHint(backupAvailable)}`,
    { path, backupAvailable, reason },
  );
}

export function tamperedError(path: string, backupAvailable: boolean): AppError {
  return new AppError(
    'vault_tampered',
    `The vault file ${path} was changed outside the app: its contents fail authentication. ` +
      backupHint(backupAvailable),
    { path, backupAvailable },
  );
}

export function wrongPasswordError(path: string): AppError {
  return new AppError('wrong_password', `The master password does not open ${path}.`, { path });
}

export function newerVersionError(
  path: string,
  found: number,
  supported: number,
  what: 'file format' | 'data schema' = 'file format',
): AppError {
  return new AppError(
    'vault_newer_version',
    `The vault file ${path} was written by a newer version of Flowise Key Vault ` +
      `(${what} ${found}; this version reads up to ${supported}). Update the app to open it.`,
    { path, found, supported, what },
  );
}

export function rollbackError(path: string, counter: number, highest: number): AppError {
  return new AppError(
    'vault_rollback',
    `The vault file ${path} is older than the newest one this app has saved (save #${counter}, ` +
      `newest #${highest}). It may have been replaced by an old copy. Open it only if you ` +
      `restored it on purpose.`,
    { path, counter, highest },
  );
}

export const lockedError = (): AppError =>
  new AppError('vault_locked', 'The vault is locked. Unlock it first.');

export const missingError = (path: string): AppError =>
  new AppError('vault_missing', `There is no vault at ${path}. Create one first.`, { path });

export function keychainUnavailableError(backend: string, reason: string | undefined): AppError {
  return new AppError(
    'keychain_unavailable',
    `The OS keychain (${backend}) cannot be used${reason === undefined ? '.' : `: ${reason}`}`,
    { backend, ...(reason === undefined ? {} : { reason }) },
  );
}

export function keychainFailedError(path: string): AppError {
  return new AppError(
    'keychain_failed',
    `The key saved in the OS keychain no longer opens ${path}. Unlock with your master password.`,
    { path },
  );
}

const MIN_PASSWORD_CHARS = 8;

export function assertStrongPassword(password: string): void {
  // Counted in code points: a character outside the BMP is one character, not two.
  if (Array.from(password).length < MIN_PASSWORD_CHARS)
    throw new AppError(
      'weak_password',
      `The master password needs at least ${MIN_PASSWORD_CHARS} characters.`,
    );
}
