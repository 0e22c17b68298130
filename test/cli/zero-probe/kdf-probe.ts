// main/core/vault/kdf.ts for the fkv child under test (register.ts): the same functions, with each
// key derived from the master password noted in held.ts.
import * as kdf from '../../../main/core/vault/kdf.js';
import { held } from './held.js';

export * from '../../../main/core/vault/kdf.js';

export async function deriveKek(...args: Parameters<typeof kdf.deriveKek>): Promise<Buffer> {
  return held('password-derived key', await kdf.deriveKek(...args));
}
