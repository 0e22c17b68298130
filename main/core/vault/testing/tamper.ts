// Edits a vault file the way an attacker or a bad disk would, for the tampering tests.
import { NONCE_BYTES, TAG_BYTES } from '../aead.js';
import { headerDigest } from '../vault-format.js';

export type FileParts = {
  header: Record<string, unknown> & {
    kdf: Record<string, unknown>;
    passwordWrap: Record<string, unknown>;
  };
  headerDigest: string;
  body: { nonce: Buffer; ciphertext: Buffer; tag: Buffer };
};

/** The header line of a vault file, parsed. */
export const headerOf = (bytes: Uint8Array): FileParts['header'] => parseFile(bytes).header;

export function parseFile(bytes: Uint8Array): FileParts {
  const buffer = Buffer.from(bytes);
  const lineEnd = buffer.indexOf(0x0a);
  const line = JSON.parse(buffer.subarray(0, lineEnd).toString('utf8')) as Omit<FileParts, 'body'>;
  const body = buffer.subarray(lineEnd + 1);
  return {
    ...line,
    body: {
      nonce: body.subarray(0, NONCE_BYTES),
      ciphertext: body.subarray(NONCE_BYTES, body.length - TAG_BYTES),
      tag: body.subarray(body.length - TAG_BYTES),
    },
  };
}

export function serializeFile(file: FileParts): Uint8Array {
  const line = JSON.stringify({ header: file.header, headerDigest: file.headerDigest });
  const { nonce, ciphertext, tag } = file.body;
  return Buffer.concat([Buffer.from(`${line}\n`), nonce, ciphertext, tag]);
}

/** The same base64 value with one bit of its first byte flipped. */
export function flipBase64(value: unknown): string {
  const bytes = Buffer.from(String(value), 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
}

/** A copy with one bit of its first byte flipped. */
export function flipBytes(value: Buffer): Buffer {
  const copy = Buffer.from(value);
  copy[0] = (copy[0] ?? 0) ^ 1;
  return copy;
}

/** Applies an edit and, when asked, recomputes the digest as a careful attacker would. */
export function tamper(
  bytes: Uint8Array,
  edit: (file: FileParts) => void,
  recomputeDigest: boolean,
): Uint8Array {
  const file = parseFile(bytes);
  edit(file);
  if (recomputeDigest) file.headerDigest = headerDigest(file.header);
  return serializeFile(file);
}
