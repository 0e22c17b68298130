// The lists a server sent, kept per unlock with their ETag so that the next read of the same list
// asks `If-None-Match` and a 304 hands back the very same parsed value. Flowise (Express) tags
// every answer with a hash of its body, so a 304 means the list is unchanged byte for byte, and
// unchanged lists are neither sent, decoded nor checked again. Callers may rely on getting the
// same object back for an unchanged list (to keep what they derived from it), and must never
// change it: what is kept is frozen. Kept per server address and per key (by fingerprint), since
// what a server lists depends on who asks; a lock forgets everything.
import { deepFreeze } from '../../../common/deep-freeze.js';
import { fingerprint } from './mask.js';

export interface KeptRead {
  etag: string;
  value: unknown;
}

/** The reads of one server as one key sees them. */
export interface ReadScope {
  get(path: string): KeptRead | undefined;
  keep(path: string, etag: string, value: unknown): void;
  drop(path: string): void;
}

export interface ConditionalReads {
  scope(base: string, apiKey: string): ReadScope;
  forget(): void;
}

export function createConditionalReads(): ConditionalReads {
  // Replaced, not cleared, on forget: a read still under way at a lock keeps its answer in the
  // map it started with, which nothing reads any more.
  let kept = new Map<string, Map<string, KeptRead>>();
  return {
    scope(base, apiKey) {
      const name = `${base}\n${fingerprint(apiKey)}`;
      let reads = kept.get(name);
      if (reads === undefined) {
        reads = new Map();
        kept.set(name, reads);
      }
      const mine = reads;
      return {
        get: (path) => mine.get(path),
        keep(path, etag, value) {
          deepFreeze(value);
          mine.set(path, { etag, value });
        },
        drop(path) {
          mine.delete(path);
        },
      };
    },
    forget() {
      kept = new Map();
    },
  };
}
