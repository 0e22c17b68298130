// Rewrapping the open vault's data key: a fresh key (a password change, keychain unlock turned
// off) or the same key at today's key-derivation cost, and the cost check that calls for it. Apart from the Vault class so vault.ts stays
// below 400 lines; the class hands in the save context plus how to swap its session and to run a
// save under the file lock.
import type { KeyProtector, VaultFileStore } from '../ports.js';
import { randomKey } from './aead.js';
import { judgeKdf, kdfBounds, resolveKdfCost } from './kdf.js';
import { kdfTamperedError } from './vault-errors.js';
import type { KdfCost } from './kdf.js';
import type { HeaderFields, VaultFile } from './vault-format.js';
import { keychainWrapOrNone, wrapWithPassword } from './vault-keys.js';
import { persist, requireLive } from './vault-save.js';
import type { SaveContext } from './vault-save.js';
import type { OpenSession } from './vault-session.js';

export interface RekeyContext extends SaveContext {
  deps: SaveContext['deps'] & { protector: KeyProtector; kdf?: { params?: KdfCost } };
  /** Makes `next` the open session, wiping the old key unless it is the same one. */
  replaceSession: (next: OpenSession) => void;
  /** Runs `job` under the file lock, on the newest generation on disk. */
  saving: (job: (session: OpenSession) => Promise<void>) => Promise<void>;
}

/** Makes a fresh data key, wraps it with the password (and the keychain, when asked), saves the
 * body under it and wipes the old key. The session takes the new key only once the file is in
 * place, so a failed save leaves disk and memory agreeing on the old one. */
export async function replaceDataKey(
  ctx: RekeyContext,
  session: OpenSession,
  password: string,
  keychain: boolean,
): Promise<void> {
  const { protector, logger } = ctx.deps;
  const cost = await resolveKdfCost(ctx.deps.kdf?.params);
  requireLive(ctx, session);
  const fields: HeaderFields = { ...session.header };
  delete fields.keychainWrap;
  const dek = randomKey();
  try {
    Object.assign(fields, await wrapWithPassword(password, cost, dek));
    if (keychain) Object.assign(fields, await keychainWrapOrNone(protector, dek, logger));
    requireLive(ctx, session);
    // Keeping only this save among the automatic backups: the older ones open with the old
    // password (or the old keychain wrap), which a change of password means to retire.
    await persist(ctx, session, fields, session.sections, dek, 1);
  } catch (error) {
    dek.fill(0);
    throw error;
  }
  // Locked during the write: the file holds the new key, memory holds nothing.
  if (!ctx.isLive(session)) return void dek.fill(0);
  const next: OpenSession = { ...session, dek };
  ctx.replaceSession(next);
  // One more save, so the backup generation (the previous file) holds the new key too.
  await persist(ctx, next, next.header, next.sections).catch(() => {
    logger.warn('vault backup still holds the previous data key');
  });
}

/** Redoes the password wrap of the open vault (whose cost was `from`) at today's cost. A failure
 * only means it is tried again at the next unlock. */
export async function raiseKdfCost(
  ctx: RekeyContext,
  from: KdfCost,
  password: string,
): Promise<void> {
  const { logger } = ctx.deps;
  try {
    const cost = await resolveKdfCost(ctx.deps.kdf?.params);
    await ctx.saving(async (session) => {
      const wrapped = await wrapWithPassword(password, cost, session.dek);
      await persist(ctx, session, { ...session.header, ...wrapped }, session.sections);
    });
    logger.info('vault key-derivation cost raised', {
      fromMemoryKiB: from.memoryKiB,
      fromIterations: from.iterations,
      toMemoryKiB: cost.memoryKiB,
      toIterations: cost.iterations,
    });
  } catch {
    logger.warn('vault key-derivation cost not raised; the next unlock tries again');
  }
}

/** Refuses a header whose cost is below the floor or above the ceiling, before deriving
 * anything; true when it is below today's policy, so unlock redoes the wrap. */
export async function checkKdf(
  deps: { files: VaultFileStore; kdf?: { params?: KdfCost } },
  file: VaultFile,
  hasBackup: () => Promise<boolean>,
): Promise<boolean> {
  const verdict = judgeKdf(file.header.kdf, kdfBounds(deps.kdf?.params));
  if (verdict === 'lowered' || verdict === 'excessive')
    throw kdfTamperedError(deps.files.path, verdict, await hasBackup());
  return verdict === 'below-policy';
}
