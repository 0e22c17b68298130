// One save of the open vault, apart from the Vault class so vault.ts stays below 400 lines. The
// class hands in a small context: the ports a save touches, the rollback guard, and whether the
// session is still the open one (lock() may zero its key during any await).
import type { Clock, Logger, VaultFileStore } from '../ports.js';
import type { RollbackGuard } from './rollback-guard.js';
import { lockedError } from './vault-errors.js';
import { encodeVaultFile, fileDigest } from './vault-format.js';
import type { HeaderFields, VaultHeader } from './vault-format.js';
import { keepGeneration } from './vault-generations.js';
import { bodyText } from './vault-session.js';
import type { OpenSession } from './vault-session.js';

export interface SaveContext {
  deps: { files: VaultFileStore; clock: Clock; logger: Logger; keepGenerations?: () => number };
  guard: RollbackGuard;
  /** False once lock() has dropped the session (and zeroed its key). */
  isLive: (session: OpenSession) => boolean;
}

/** After any await: lock() may have zeroed the DEK meanwhile, and a zero key must never seal. */
export function requireLive(ctx: SaveContext, session: OpenSession): void {
  if (!ctx.isLive(session)) throw lockedError();
}

/** One atomic save: next counter, fresh nonce, the whole body. Memory changes only once the
 * file is in place, so a failed save leaves both as they were. */
export async function persist(
  ctx: SaveContext,
  session: OpenSession,
  fields: HeaderFields,
  sections: ReadonlyMap<string, string>,
  dek: Buffer = session.dek,
  keepGenerations?: number,
): Promise<void> {
  const { files, clock } = ctx.deps;
  requireLive(ctx, session);
  if (dek !== session.dek) ctx.guard.prepareRekey(session.dek, dek);
  const counter = Math.max(session.counter, ctx.guard.stateHighest()) + 1;
  const plaintext = Buffer.from(bodyText(sections), 'utf8');
  let encoded: { bytes: Buffer; header: VaultHeader };
  try {
    encoded = encodeVaultFile({ ...fields, counter, updatedAt: clock.now() }, dek, plaintext);
  } finally {
    plaintext.fill(0);
  }
  await files.write(encoded.bytes);
  session.counter = counter;
  session.digest = fileDigest(encoded.bytes);
  await keepGeneration(ctx.deps, encoded.bytes, counter, keepGenerations);
  // The HMAC is made before the first await inside, while `dek` is surely intact.
  await ctx.guard.record(counter, dek, fields.keychainWrap !== undefined);
  if (!ctx.isLive(session)) return;
  session.header = encoded.header;
  session.sections = sections;
}
