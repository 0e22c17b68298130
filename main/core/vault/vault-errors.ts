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

/** The header's key-derivation settings are outside what any version of this app writes. */
export function kdfTamperedError(
  path: string,
  kind: 'lowered' | 'excessive',
  backupAvailable: boolean,
): AppError {
  const what =
    kind === 'lowered'
      ? 'its key-derivation settings were lowered below the safe minimum, which would make the ' +
        'master password cheap to guess'
      : 'its key-derivation settings ask for far more memory or time than this app ever uses';
  return new AppError(
    'vault_tampered',
    `The vault file ${path} was changed outside the app: ${what}. It was not opened. ` +
      backupHint(backupAvailable),
    { path, backupAvailable, reason: `kdf-${kind}` },
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

/** A file's date as people read it in a message: minutes, in UTC. */
const savedOn = (updatedAt: number): string =>
  `${new Date(updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function rollbackError(
  path: string,
  counter: number,
  highest: number,
  updatedAt: number,
): AppError {
  return new AppError(
    'vault_rollback',
    `The vault file ${path} is older than the newest one this app has saved (this file: save ` +
      `#${counter} of ${savedOn(updatedAt)}; newest: save #${highest}). It may have been ` +
      `replaced by an old copy. Open it only if you restored it on purpose.`,
    { path, counter, highest, updatedAt },
  );
}

/** No record of this vault's saves can be trusted: a new installation, reset app data, a vault
 * copied in, or someone removing the record to hide an old copy. Same code: same way out. */
export function unverifiedHistoryError(path: string, counter: number, updatedAt: number): AppError {
  return new AppError(
    'vault_rollback',
    `This vault's history could not be checked: the app has no trusted record of the saves of ` +
      `${path} (this file: save #${counter} of ${savedOn(updatedAt)}). That is expected on a new ` +
      `installation, after the app's data was reset, or for a vault copied in from elsewhere; ` +
      `otherwise the file may be an old copy put in place of the newest one. Open it only if ` +
      `you expect this copy.`,
    { path, counter, updatedAt, unverified: true },
  );
}

export const noBackupError = (path: string): AppError =>
  new AppError('no_backup', `There is no backup next to ${path}.`, { path });

export const keychainOffError = (path: string): AppError =>
  new AppError('keychain_unavailable', `Keychain unlock is off for ${path}.`, { path });

export const existsError = (path: string): AppError =>
  new AppError('vault_exists', `A vault already exists at ${path}.`, { path });

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

/** No vault file, but earlier files of one are next to where it should be. */
export function leftoversError(path: string, leftovers: readonly string[]): AppError {
  return new AppError(
    'vault_leftovers',
    `There is no vault at ${path}, but earlier vault files are next to it ` +
      `(${leftovers.join(', ')}). Restore the backup, or confirm that a new vault should be ` +
      `created; those files are then moved into a dated folder, not deleted.`,
    { path, leftovers: leftovers.join('\n') },
  );
}

/** Why the open vault can no longer save over the file: another process replaced its key, put an
 * older generation in place, or removed the file. */
export type ElsewhereChange = 'key' | 'older' | 'removed';

const ELSEWHERE: Record<ElsewhereChange, string> = {
  key: "changed the vault's master password or data key",
  older: 'put an older copy of the vault in place (a restore)',
  removed: 'removed the vault file',
};

/** The open vault locked itself rather than overwrite another process's change. */
export function changedElsewhereError(path: string, change: ElsewhereChange): AppError {
  return new AppError(
    'vault_locked',
    `Another program (the app in another window, or the fkv command line) ${ELSEWHERE[change]} ` +
      `at ${path}. This window locked the vault and saved nothing over it; unlock it again.`,
    { path, reason: 'changed-elsewhere', change },
  );
}
