// How a secret is shown outside main: the last four characters for people, and a short hash so two
// rows can be told apart or matched without either value leaving main.
import { createHash } from 'node:crypto';

export function maskKey(value: string): string {
  return value.length <= 4 ? '••••' : `••••${value.slice(-4)}`;
}

/** 16 hex characters of SHA-256, domain-separated so it matches no other hash of the key. */
export function fingerprint(value: string): string {
  return createHash('sha256').update('fkv-fingerprint:').update(value).digest('hex').slice(0, 16);
}
