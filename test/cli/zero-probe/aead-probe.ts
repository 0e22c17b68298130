// main/core/vault/aead.ts for the fkv child under test (register.ts): the same functions, with each
// data key it makes or unwraps noted in held.ts.
import * as aead from '../../../main/core/vault/aead.js';
import { held } from './held.js';

export * from '../../../main/core/vault/aead.js';

export function randomKey(): Buffer {
  return held('data key', aead.randomKey());
}

export function openKey(...args: Parameters<typeof aead.openKey>): Buffer {
  return held('data key', aead.openKey(...args));
}
