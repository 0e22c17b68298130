// The vault.* methods of the contract.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { VaultStatus } from '../../../common/ipc/schemas/vault.js';
import type { Vault } from '../vault/vault.js';
import type { SessionService } from './session-service.js';

export function createVaultService(vault: Vault, session: SessionService): ApiImpl['vault'] {
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
      if (!vault.isUnlocked) await vault.unlock(password);
      session.unlocked();
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
    changePassword: ({ current, next }) => vault.changePassword(current, next),
    async restoreBackup() {
      session.lock('manual');
      await vault.restoreBackup();
      return status();
    },
    async setKeychainUnlock({ enabled }) {
      await vault.setKeychainUnlock(enabled);
      return status();
    },
  };
}
