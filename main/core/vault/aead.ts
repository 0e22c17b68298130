// AES-256-GCM from node:crypto, used both to wrap the data key and to seal the body.
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** A fresh random key in memory that is never shared with Buffer's pool, so zeroing it is real. */
export function randomKey(): Buffer {
  return randomFillSync(Buffer.alloc(KEY_BYTES));
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  const nonce = randomFillSync(Buffer.alloc(NONCE_BYTES));
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Throws (a plain Error) when the key, the data or the associated data do not match. */
export function open(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  const head = decipher.update(sealed.ciphertext);
  try {
    decipher.final();
  } catch (error) {
    head.fill(0);
    throw error;
  }
  return head;
}

/** Like open, for a key-sized secret: the result lives in its own zeroable buffer. */
export function openKey(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Buffer {
  const raw = open(key, sealed, aad);
  try {
    if (raw.length !== KEY_BYTES) throw new Error('wrapped key has the wrong length');
    const out = Buffer.alloc(KEY_BYTES);
    raw.copy(out);
    return out;
  } finally {
    raw.fill(0);
  }
}
