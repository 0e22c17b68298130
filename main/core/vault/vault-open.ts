// Reading the vault file and opening its body with an unwrapped data key: decode, decrypt, parse,
// migrate, each failure worded for what it most likely means.
import type { AppError } from '../../../common/errors.js';
import type { VaultFileStore } from '../ports.js';
import { BODY_SCHEMA_VERSION, migrateBody } from './vault-body.js';
import type { VaultBody } from './vault-body.js';
import {
  corruptError,
  keychainFailedError,
  missingError,
  newerVersionError,
  tamperedError,
} from './vault-errors.js';
import { FORMAT_VERSION, decodeVaultFile, openVaultBody } from './vault-format.js';
import type { VaultFile } from './vault-format.js';

export interface OpenedBody {
  body: VaultBody;
  migratedFrom?: number;
}

/** The decoded file, or the AppError for a missing, damaged or newer one. */
export async function readVaultFile(
  files: VaultFileStore,
  hasBackup: () => Promise<boolean>,
): Promise<VaultFile> {
  const bytes = await files.read();
  if (bytes === null) throw missingError(files.path);
  const decoded = decodeVaultFile(bytes);
  if (decoded.ok) return decoded.file;
  const { problem } = decoded;
  throw problem.kind === 'newer'
    ? newerVersionError(files.path, problem.found, FORMAT_VERSION)
    : corruptError(files.path, problem.reason, await hasBackup());
}

/** Throws the AppError that fits; never wipes `dek` (the caller owns it). */
export async function openBody(
  file: VaultFile,
  dek: Buffer,
  via: 'password' | 'keychain',
  path: string,
  hasBackup: () => Promise<boolean>,
): Promise<OpenedBody> {
  let plaintext: Buffer;
  try {
    plaintext = openVaultBody(file, dek);
  } catch {
    // The DEK unwrapped, so the header or body was changed after it was sealed — unless the
    // DEK came from the keychain, which may simply hold a stale key.
    const error: AppError =
      via === 'keychain' ? keychainFailedError(path) : tamperedError(path, await hasBackup());
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(plaintext.toString('utf8'));
  } catch {
    raw = undefined;
  } finally {
    plaintext.fill(0);
  }
  const migrated = migrateBody(raw);
  if (!migrated.ok) {
    throw migrated.problem === 'newer'
      ? newerVersionError(path, migrated.found ?? 0, BODY_SCHEMA_VERSION, 'data schema')
      : corruptError(path, 'bad-contents', await hasBackup());
  }
  return {
    body: migrated.body,
    ...(migrated.migratedFrom === undefined ? {} : { migratedFrom: migrated.migratedFrom }),
  };
}
