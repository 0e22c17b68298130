// The vault.* methods of the contract.
import { AppError, isAppError } from '../../../common/errors.js';
import { countOf } from '../../../common/words.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import type { VaultStatus } from '../../../common/ipc/schemas/vault.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { SessionService } from '../session/session-service.js';
import type { FailedSince, UnlockAttempts } from './unlock-attempts.js';
import { FREE_TRIES } from './unlock-attempts.js';
import type { Vault } from './vault.js';
import { lockedError } from './vault-errors.js';

export function createVaultMethods(
  vault: Vault,
  session: SessionService,
  audit: Pick<AuditLog, 'append' | 'startNew'>,
  attempts: UnlockAttempts,
): ApiImpl['vault'] {
  /** What the last unlock had to tell; shown while that session lasts. */
  let told: FailedSince | undefined;
  /** One password try at a time, so parallel tries cannot slip past the wait. */
  let queue: Promise<unknown> = Promise.resolve();

  async function opened(how: string): Promise<void> {
    told = attempts.succeeded();
    session.unlocked();
    if (!vault.isUnlocked) return;
    const vaultSubject = { kind: 'vault' as const, name: 'master password' };
    if (told !== undefined) {
      await audit
        .append({
          action: 'vault.unlock_failed',
          outcome: 'failed',
          subject: vaultSubject,
          detail:
            `${countOf(told.count, 'failed attempt')} since the last unlock, ` +
            `the last at ${new Date(told.lastAt).toISOString()}`,
        })
        .catch(() => {});
    }
    await audit
      .append({ action: 'vault.unlock', outcome: 'ok', subject: vaultSubject, detail: how })
      .catch(() => {});
  }

  /** Runs a change of how the vault opens and records it either way; a failure to record is not
   * allowed to hide the outcome of the change itself. */
  async function audited(
    entry: Omit<AuditEntry, 'outcome'>,
    change: () => Promise<void>,
  ): Promise<void> {
    try {
      await change();
    } catch (error) {
      if (vault.isUnlocked) await audit.append({ ...entry, outcome: 'failed' }).catch(() => {});
      throw error;
    }
    if (vault.isUnlocked) await audit.append({ ...entry, outcome: 'ok' }).catch(() => {});
  }

  const status = async (): Promise<VaultStatus> => {
    const base = await vault.status();
    const reason = session.lastLockReason;
    if (base.state === 'unlocked')
      return told === undefined ? base : { ...base, failedUnlocks: told };
    if (base.state !== 'locked') return base;
    const retryInMs = attempts.retryInMs();
    return {
      ...base,
      ...(reason === undefined ? {} : { lastLockReason: reason }),
      ...(retryInMs === undefined ? {} : { retryInMs }),
    };
  };
  return {
    status,
    async create({ password, replaceLeftovers }) {
      await vault.create(password, replaceLeftovers === true ? { replaceLeftovers: true } : {});
      // Whatever log the app last wrote belonged to another vault; this one's starts empty.
      audit.startNew();
      // A lock that arrived while it was being made wins: it stays locked, never re-opened here.
      if (vault.isUnlocked) session.unlocked();
      return status();
    },
    async unlock({ password, allowRollback }) {
      const turn = queue.then(async () => {
        attempts.check();
        try {
          await vault.unlock(password, allowRollback === true ? { allowRollback: true } : {});
        } catch (error) {
          if (!isAppError(error, 'wrong_password')) throw error;
          attempts.failed();
          const retryInMs = attempts.retryInMs();
          if (retryInMs === undefined) throw error;
          throw new AppError(
            'wrong_password',
            `${error.message} After ${String(FREE_TRIES)} wrong passwords in a row, the next try waits.`,
            { ...error.details, retryInMs },
          );
        }
        await opened('with the master password');
      });
      queue = turn.catch(() => undefined);
      await turn;
      return status();
    },
    async unlockWithKeychain() {
      await vault.unlockWithKeychain();
      await opened('with the system keychain');
      return status();
    },
    lock() {
      session.lock('manual');
      return status();
    },
    changePassword: ({ current, next }) =>
      audited(
        {
          action: 'vault.password_changed',
          subject: { kind: 'vault', name: 'master password' },
          detail: 'new data key',
        },
        () => vault.changePassword(current, next),
      ),
    async restoreBackup() {
      session.lock('manual');
      await vault.restoreBackup();
      return status();
    },
    generations: () => vault.generations(),
    async restoreGeneration({ id }) {
      if (!vault.isUnlocked) throw lockedError();
      // Not audited here: the log that would hold it is the one being replaced. The restored log
      // is shorter than the head this computer noted, so its next check records the cut itself.
      session.lock('restore');
      await vault.restoreGeneration(id);
      return status();
    },
    async setKeychainUnlock({ enabled, password }) {
      await audited(
        {
          action: 'vault.keychain_changed',
          subject: { kind: 'vault', name: 'keychain unlock' },
          detail: enabled ? 'turned on' : 'turned off, new data key',
        },
        () => vault.setKeychainUnlock(enabled, password),
      );
      return status();
    },
  };
}
