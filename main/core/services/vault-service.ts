// The vault.* methods of the contract.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { AuditEntry } from '../../../common/ipc/schemas/audit.js';
import type { VaultStatus } from '../../../common/ipc/schemas/vault.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Vault } from '../vault/vault.js';
import type { SessionService } from './session-service.js';

export function createVaultService(
  vault: Vault,
  session: SessionService,
  audit: Pick<AuditLog, 'append' | 'startNew'>,
): ApiImpl['vault'] {
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
    return base.state === 'locked' && reason !== undefined
      ? { ...base, lastLockReason: reason }
      : base;
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
      await vault.unlock(password, allowRollback === true ? { allowRollback: true } : {});
      session.unlocked();
      return status();
    },
    async unlockWithKeychain() {
      await vault.unlockWithKeychain();
      session.unlocked();
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
