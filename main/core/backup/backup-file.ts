// The .fkvbak file, version 1: the vault's format family (vault-format.ts) with its own labels.
//
//   {"header":{format:"fkv-backup", version:1, createdAt, bodyLength,
//              kdf:{algorithm:"argon2id", memoryKiB, iterations, parallelism, salt},
//              passwordWrap:{nonce, ciphertext, tag}},
//    "headerDigest": hex SHA-256 of canonicalJson(header)}\n
//   nonce (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes)          ← bodyLength bytes in all
//
// A fresh content key seals the body (AES-256-GCM, the header as associated data); the key is
// wrapped under the Argon2id key of the backup's own passphrase. Two layers, as in the vault, so a
// wrong passphrase (the wrap does not open) is told apart from a damaged or altered file (the wrap
// opens, the body does not). The header line must be byte-for-byte as written, so a change to any
// byte of the file is refused. Every later version keeps the first line, format, version and digest.
import { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import { NONCE_BYTES, TAG_BYTES, randomKey } from '../vault/aead.js';
import type { KdfBounds, KdfCost } from '../vault/kdf.js';
import { judgeKdf } from '../vault/kdf.js';
import {
  KdfHeader,
  KeyWrapJson,
  decodeSealedFile,
  decodeVaultFile,
  encodeSealedFile,
  fileDigest,
  openSealedBody,
} from '../vault/vault-format.js';
import type { CorruptReason } from '../vault/vault-errors.js';
import { unwrapWithPassword, wrapWithPassword } from '../vault/vault-keys.js';

export const BACKUP_FORMAT = 'fkv-backup' as const;
export const BACKUP_VERSION = 1 as const;
const BODY_LABEL = 'fkv-backup/v1/body';
/** Its own role: a vault's password wrap can never stand in for a backup's, nor the reverse. */
const WRAP_AAD = Buffer.from('fkv-backup/v1/passphrase-wrap', 'utf8');

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: count,
  kdf: KdfHeader,
  passwordWrap: KeyWrapJson,
  bodyLength: count.min(NONCE_BYTES + TAG_BYTES),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/** Why a file is refused, each in words for the person who picked it. */
export type BackupProblem =
  CorruptReason | 'not-a-backup' | 'vault-file' | 'newer' | 'kdf' | 'altered' | 'colliding-ids';

const WORDS: Record<BackupProblem, string> = {
  empty: 'The file is empty.',
  'not-json': 'The file is cut short or is not a backup of this app.',
  'not-a-vault': 'The file is not a Flowise Key Vault backup.',
  'not-a-backup': 'The file is not a Flowise Key Vault backup.',
  'vault-file':
    'The file is a vault, not a backup: open it by unlocking it (choose its folder), or export a backup from it.',
  'digest-mismatch': 'The backup is damaged: its header checksum does not match.',
  'bad-header': 'The backup is damaged: its header is malformed.',
  'bad-body': 'The backup is damaged: it has bytes after its end.',
  truncated: 'The backup is cut short: part of the file is missing.',
  'unusable-kdf': 'The backup is damaged: its key-derivation settings cannot be used.',
  'bad-contents': 'The backup opened, but what it holds is not in a shape this app knows.',
  newer: 'The backup was made by a newer version of the app. Update the app to import it.',
  kdf: 'The backup asks for key-derivation settings this app refuses (far too weak or too costly).',
  altered: 'The backup is damaged or was altered: its contents do not match their seal.',
  'colliding-ids': 'The backup holds two instances with the same id, so it cannot be imported.',
};

export function backupError(
  reason: BackupProblem,
  details: Record<string, string | number> = {},
): AppError {
  return new AppError('backup_invalid', `${WORDS[reason]} Nothing was changed.`, {
    reason,
    ...details,
  });
}

/** Hex SHA-256 of the whole file: the backup's fingerprint. */
export const fingerprintOf = fileDigest;

export async function sealBackup(
  passphrase: string,
  cost: KdfCost,
  createdAt: number,
  plaintext: Uint8Array,
): Promise<Buffer> {
  const key = randomKey();
  try {
    const wrapped = await wrapWithPassword(passphrase, cost, key, WRAP_AAD);
    const fields = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      ...wrapped,
    } as const;
    return encodeSealedFile<BackupHeader>(fields, key, plaintext, BODY_LABEL).bytes;
  } finally {
    key.fill(0);
  }
}

/** The decrypted contents (the caller wipes them), or the AppError that says why not. */
export async function openBackup(
  bytes: Uint8Array,
  passphrase: string,
  bounds: KdfBounds,
): Promise<{ plaintext: Buffer; header: BackupHeader }> {
  const decoded = decodeSealedFile(bytes, {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schema: BackupHeader,
    exactLine: true,
  });
  if (!decoded.ok) {
    const { problem } = decoded;
    if (problem.kind === 'newer')
      throw backupError('newer', { found: problem.found, supported: BACKUP_VERSION });
    if (problem.reason !== 'not-a-vault') throw backupError(problem.reason);
    throw backupError(decodeVaultFile(bytes).ok ? 'vault-file' : 'not-a-backup');
  }
  const { file } = decoded;
  const verdict = judgeKdf(file.header.kdf, bounds);
  if (verdict === 'lowered' || verdict === 'excessive') throw backupError('kdf');
  const unwrapped = await unwrapWithPassword(passphrase, file.header, WRAP_AAD);
  if (!unwrapped.ok) {
    if (unwrapped.why === 'unusable-kdf') throw backupError('unusable-kdf');
    throw new AppError(
      'backup_wrong_passphrase',
      'That passphrase does not open this backup. Nothing was changed.',
    );
  }
  try {
    return { plaintext: openSealedBody(file, unwrapped.dek, BODY_LABEL), header: file.header };
  } catch {
    // The wrap opened, so the passphrase is right: the body or the header was changed.
    throw backupError('altered');
  } finally {
    unwrapped.dek.fill(0);
  }
}
