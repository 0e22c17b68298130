// The vault file, version 1: one line of UTF-8 JSON, a newline, then the sealed body as raw bytes.
//
//   {"header":{format:"fkv-vault", version:1, counter, createdAt, updatedAt, bodyLength,
//              kdf:{algorithm:"argon2id", memoryKiB, iterations, parallelism, salt},
//              passwordWrap:{nonce, ciphertext, tag}, keychainWrap?},
//    "headerDigest": hex SHA-256 of canonicalJson(header)}\n
//   nonce (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes)          ← bodyLength bytes in all
//
// Header binaries are canonical base64. passwordWrap is the data key (DEK) sealed with AES-256-GCM
// under the Argon2id key of the master password; keychainWrap is the DEK as the OS keychain
// protected it. The body is the vault data (JSON) sealed under the DEK with a fresh nonce per write
// and "fkv-vault/v1/body\n" + canonicalJson(header) as associated data, so no header byte can
// change unnoticed once the DEK is known. The digest is not a security measure: it only tells
// accidental damage (vault_corrupt) apart from a wrong password before any key is derived, and
// bodyLength tells a truncated body from a forged one. The body stays binary because base64 and
// JSON-escaping a multi-megabyte ciphertext cost more than the disk write. Every future version
// keeps the first line, header.format, header.version and the digest, so "newer" is told reliably.
import { createHash } from 'node:crypto';

import { z } from 'zod';

import { KEY_BYTES, NONCE_BYTES, TAG_BYTES, open, seal } from './aead.js';
import type { Sealed } from './aead.js';
import { canonicalJson } from './canonical-json.js';
import { SALT_BYTES } from './kdf.js';
import type { CorruptReason } from './vault-errors.js';

export const FILE_FORMAT = 'fkv-vault';
export const FORMAT_VERSION = 1;

const isCanonicalBase64 = (s: string): boolean =>
  /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').toString('base64') === s;
const base64 = (bytes?: number): z.ZodString =>
  z
    .string()
    .min(1)
    .refine(
      (s) =>
        isCanonicalBase64(s) && (bytes === undefined || Buffer.byteLength(s, 'base64') === bytes),
    );
const count = (max: number): z.ZodNumber => z.number().int().min(0).max(max);

export const KeyWrapJson = z.object({
  nonce: base64(NONCE_BYTES),
  ciphertext: base64(KEY_BYTES),
  tag: base64(TAG_BYTES),
});
export type KeyWrapJson = z.infer<typeof KeyWrapJson>;

// Only Argon2's own limits here: what this app accepts (a floor, a ceiling) is judged in kdf.ts
// before anything is derived, so a weakened or bloated header gets its own error, not "damaged".
export const KdfHeader = z
  .object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int().min(8).max(0xffffffff),
    iterations: z.number().int().min(1).max(0xffffffff),
    parallelism: z.number().int().min(1).max(0xffffff),
    salt: base64(SALT_BYTES),
  })
  .refine((k) => k.memoryKiB >= 8 * k.parallelism);

export const VaultHeader = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FORMAT_VERSION),
  counter: count(Number.MAX_SAFE_INTEGER),
  kdf: KdfHeader,
  passwordWrap: KeyWrapJson,
  keychainWrap: base64().optional(),
  createdAt: count(Number.MAX_SAFE_INTEGER),
  updatedAt: count(Number.MAX_SAFE_INTEGER),
  bodyLength: count(Number.MAX_SAFE_INTEGER).min(NONCE_BYTES + TAG_BYTES),
});
export type VaultHeader = z.infer<typeof VaultHeader>;

/** A file of the vault's family (the vault, a .fkvbak backup): a header line, then a sealed body. */
export interface SealedFile<H> {
  header: H;
  /** SHA-256 of the whole file: whether the file on disk is still the one this process knows. */
  digest: string;
  /** The header exactly as stored, unknown fields included: what the body is bound to. */
  rawHeader: Record<string, unknown>;
  body: Sealed;
}
export type VaultFile = SealedFile<VaultHeader>;

export type FileProblem =
  { kind: 'corrupt'; reason: CorruptReason } | { kind: 'newer'; found: number };
export type DecodedFile<H> =
  { ok: true; file: SealedFile<H> } | { ok: false; problem: FileProblem };
export type Decoded = DecodedFile<VaultHeader>;

export const fileDigest = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export const headerDigest = (header: object): string =>
  createHash('sha256').update(canonicalJson(header)).digest('hex');

/** The body's associated data: its format's label and the whole header, so no header byte can
 * change unnoticed once the key is known. */
const bodyAad = (label: string, header: object): Buffer =>
  Buffer.from(`${label}\n${canonicalJson(header)}`, 'utf8');
const VAULT_BODY = 'fkv-vault/v1/body';

/** Associated data of the password wrap: a wrap cannot be moved into another role. */
export const PASSWORD_WRAP_AAD: Buffer = Buffer.from('fkv-vault/v1/password-wrap', 'utf8');

export const toSealed = (json: KeyWrapJson): Sealed => ({
  nonce: Buffer.from(json.nonce, 'base64'),
  ciphertext: Buffer.from(json.ciphertext, 'base64'),
  tag: Buffer.from(json.tag, 'base64'),
});

export const fromSealed = (sealed: Sealed): KeyWrapJson => ({
  nonce: sealed.nonce.toString('base64'),
  ciphertext: sealed.ciphertext.toString('base64'),
  tag: sealed.tag.toString('base64'),
});

export type HeaderFields = Omit<VaultHeader, 'bodyLength'>;

/** Seals the plaintext under `key`, bound to the header (with its bodyLength filled in) and to the
 * format's label, and lays out the file's bytes. */
export function encodeSealedFile<H extends { bodyLength: number }>(
  fields: Omit<H, 'bodyLength'>,
  key: Uint8Array,
  plaintext: Uint8Array,
  label: string,
): { bytes: Buffer; header: H } {
  // GCM ciphertext is as long as the plaintext, so the length is known before sealing.
  const header = { ...fields, bodyLength: NONCE_BYTES + plaintext.length + TAG_BYTES } as H;
  const body = seal(key, plaintext, bodyAad(label, header));
  const line = JSON.stringify({ header, headerDigest: headerDigest(header) });
  const head = Buffer.from(`${line}\n`, 'utf8');
  return { bytes: Buffer.concat([head, body.nonce, body.ciphertext, body.tag]), header };
}

/** Throws when the key is wrong or anything bound to the body changed. */
export function openSealedBody<H>(file: SealedFile<H>, key: Uint8Array, label: string): Buffer {
  return open(key, file.body, bodyAad(label, file.rawHeader));
}

/** Seals the plaintext under the DEK, bound to this header, and lays out the file's bytes. */
export function encodeVaultFile(
  fields: HeaderFields,
  dek: Uint8Array,
  plaintext: Uint8Array,
): { bytes: Buffer; header: VaultHeader } {
  return encodeSealedFile<VaultHeader>(fields, dek, plaintext, VAULT_BODY);
}

/** Throws when the DEK is wrong or anything bound to the body changed. */
export function openVaultBody(file: VaultFile, dek: Uint8Array): Buffer {
  return openSealedBody(file, dek, VAULT_BODY);
}

const corrupt = (reason: CorruptReason): { ok: false; problem: FileProblem } => ({
  ok: false,
  problem: { kind: 'corrupt', reason },
});
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FileSpec<H> {
  format: string;
  version: number;
  schema: z.ZodType<H>;
  /** The header line must be exactly as this app writes it (no added spaces, no escapes), so no
   * byte of it can change and still decode to the same header. */
  exactLine?: boolean;
}

export function decodeSealedFile<H extends { bodyLength: number }>(
  bytes: Uint8Array,
  spec: FileSpec<H>,
): DecodedFile<H> {
  if (bytes.length === 0) return corrupt('empty');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lineEnd = buffer.indexOf(0x0a);
  if (lineEnd < 0) return corrupt('not-json');
  let json: unknown;
  let line: string;
  try {
    line = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, lineEnd));
    json = JSON.parse(line);
  } catch {
    return corrupt('not-json');
  }
  if (!isRecord(json) || !isRecord(json['header'])) return corrupt('not-a-vault');
  const raw = json['header'];
  if (typeof json['headerDigest'] !== 'string') return corrupt('bad-header');
  if (json['headerDigest'] !== headerDigest(raw)) return corrupt('digest-mismatch');
  if (spec.exactLine === true && JSON.stringify(json) !== line) return corrupt('bad-header');
  if (raw['format'] !== spec.format) return corrupt('not-a-vault');
  const version = raw['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > spec.version)
    return { ok: false, problem: { kind: 'newer', found: version } };
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) return corrupt('bad-header');
  const header = parsed.data;
  const body = buffer.subarray(lineEnd + 1);
  if (body.length < header.bodyLength) return corrupt('truncated');
  if (body.length > header.bodyLength) return corrupt('bad-body');
  const sealed: Sealed = {
    nonce: body.subarray(0, NONCE_BYTES),
    ciphertext: body.subarray(NONCE_BYTES, body.length - TAG_BYTES),
    tag: body.subarray(body.length - TAG_BYTES),
  };
  return { ok: true, file: { header, digest: fileDigest(bytes), rawHeader: raw, body: sealed } };
}

export function decodeVaultFile(bytes: Uint8Array): Decoded {
  return decodeSealedFile(bytes, {
    format: FILE_FORMAT,
    version: FORMAT_VERSION,
    schema: VaultHeader,
  });
}
