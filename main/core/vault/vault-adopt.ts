// Taking on an unwrapped data key as the open session: the body opens, the rollback history is
// checked and recorded. Apart from the Vault class so vault.ts stays below 400 lines; the class
// makes the returned session its own.
import type { Clock, Logger, VaultFileStore } from '../ports.js';
import { historyProblem } from './rollback-guard.js';
import type { RollbackGuard } from './rollback-guard.js';
import { BODY_SCHEMA_VERSION } from './vault-body.js';
import { lockedError } from './vault-errors.js';
import type { VaultFile } from './vault-format.js';
import { openBody } from './vault-open.js';
import { sectionsOf } from './vault-session.js';
import type { AdoptOptions, OpenSession } from './vault-session.js';

export interface AdoptContext {
  deps: { files: VaultFileStore; clock: Clock; logger: Logger };
  guard: RollbackGuard;
  hasBackup: () => Promise<boolean>;
  /** Read after the awaits: whether the vault was just restored from its backup. */
  restoredBackup: () => boolean;
  /** The vault's lock count now, compared with `how.locks`: a lock since the unlock began wins. */
  locks: () => number;
}

/** Opens the body with an unwrapped DEK and returns the session it makes; wipes the DEK on
 * refusal. */
export async function adoptSession(
  ctx: AdoptContext,
  file: VaultFile,
  dek: Buffer,
  how: AdoptOptions,
): Promise<OpenSession> {
  const { via, allowRollback, locks } = how;
  const { files, clock, logger } = ctx.deps;
  try {
    const opened = await openBody(file, dek, via, files.path, ctx.hasBackup);
    const { counter } = file.header;
    const history = await ctx.guard.check(dek);
    const problem = historyProblem(files.path, file.header, history, ctx.restoredBackup());
    if (problem !== undefined) {
      if (!allowRollback) throw problem;
      logger.warn('vault opened on request despite its history', { counter, ...history });
    }
    await ctx.guard.record(counter, dek, file.header.keychainWrap !== undefined);
    if (ctx.locks() !== locks) throw lockedError();
    if (opened.migratedFrom !== undefined)
      logger.info('vault data migrated', { from: opened.migratedFrom, to: BODY_SCHEMA_VERSION });
    return {
      dek,
      header: file.header,
      sections: sectionsOf(opened.body),
      counter: Math.max(counter, history.highest),
      unlockedAt: clock.now(),
      digest: file.digest,
    };
  } catch (error) {
    dek.fill(0);
    throw error;
  }
}
