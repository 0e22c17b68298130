// Reads what crypto-js's AES.encrypt(text, passphrase) writes, which is how Flowise stores credential
// data: OpenSSL's "Salted__" format, key and iv from EVP_BytesToKey (MD5, one round), AES-256-CBC.
// Test tooling only: it lets a test check the real server's stored secret without a new dependency.
import { createDecipheriv, createHash } from 'node:crypto';

const MAGIC = 'Salted__';

function bytesToKey(passphrase: Buffer, salt: Buffer): { key: Buffer; iv: Buffer } {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  while (Buffer.concat(blocks).length < 48) {
    previous = createHash('md5')
      .update(Buffer.concat([previous, passphrase, salt]))
      .digest();
    blocks.push(previous);
  }
  const material = Buffer.concat(blocks);
  return { key: material.subarray(0, 32), iv: material.subarray(32, 48) };
}

export function decryptCryptoJsAes(base64: string, passphrase: string): string {
  const raw = Buffer.from(base64, 'base64');
  if (raw.subarray(0, 8).toString('latin1') !== MAGIC)
    throw new Error('Not crypto-js passphrase output: the "Salted__" header is missing.');
  const { key, iv } = bytesToKey(Buffer.from(passphrase, 'utf8'), raw.subarray(8, 16));
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}
