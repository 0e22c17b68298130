// The vault's status as the renderer knows it. Actions take a password as an argument and pass it
// straight to the Api: no password or secret is ever written into the state.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api, AppEventPayload } from '../../common/ipc/contract.js';
import type { RestoreBackupArgs } from '../../common/ipc/schemas/backup.js';
import type { VaultStatus } from '../../common/ipc/schemas/vault.js';
import type { StoreError } from './store-error.js';
import { attempt, errorOf, staleGuard } from './store-kit.js';

export type VaultAction =
  | 'refresh'
  | 'create'
  | 'unlock'
  | 'unlockWithKeychain'
  | 'lock'
  | 'changePassword'
  | 'restoreBackup'
  | 'restoreGeneration'
  | 'restoreFromFile'
  | 'setKeychainUnlock';

export interface VaultError extends StoreError {
  /** Which action failed, so each screen shows only its own errors. */
  readonly action: VaultAction;
}

/** Resolves to null on success, or to the error that is also kept in `error`. */
export type ActionResult = Promise<StoreError | null>;

export interface VaultStoreState {
  /** null until the first status arrives. */
  readonly status: VaultStatus | null;
  readonly busy: boolean;
  readonly error: VaultError | null;
  /** Subscribes to the vault events and loads the status; returns the unsubscribe. */
  connect: () => () => void;
  refresh: () => Promise<void>;
  /** `replaceLeftovers`: create even though earlier vault files are in the folder (main moves
   * them aside). */
  create: (password: string, options?: { replaceLeftovers: boolean }) => ActionResult;
  unlock: (password: string, options?: { allowRollback: boolean }) => ActionResult;
  unlockWithKeychain: () => ActionResult;
  lock: () => ActionResult;
  changePassword: (current: string, next: string) => ActionResult;
  restoreBackup: () => ActionResult;
  /** With no vault yet: a new vault from a .fkvbak, sealed with the new master password. */
  restoreFromFile: (args: RestoreBackupArgs) => ActionResult;
  /** Puts an automatic backup in place of the vault, which locks. */
  restoreGeneration: (id: string) => ActionResult;
  /** Both directions need the master password (main re-checks it). */
  setKeychainUnlock: (enabled: boolean, password: string) => ActionResult;
  clearError: () => void;
}

export type VaultStore = StoreApi<VaultStoreState>;

function lockedStatus(status: VaultStatus, reason: AppEventPayload<'vault.locked'>['reason']) {
  const { path, backupAvailable, keychain } = status;
  const next: VaultStatus = { state: 'locked', path, backupAvailable, keychain };
  return { ...next, lastLockReason: reason };
}

export function createVaultStore(api: Api): VaultStore {
  // Bumped whenever a newer status is known, so a slow refresh cannot undo a lock.
  const guard = staleGuard();
  let pending = 0;

  return createStore<VaultStoreState>()((set, get) => {
    const apply = (status: VaultStatus): void => {
      guard.bump();
      set({ status });
    };

    /** An action of the vault screens: its error is kept with its name, and it marks them busy. */
    async function act(action: VaultAction, call: () => Promise<void>): ActionResult {
      pending++;
      set({ busy: true, error: null });
      const outcome = await attempt(call);
      if (!outcome.ok) set({ error: { ...outcome.error, action } });
      pending--;
      set({ busy: pending > 0 });
      return errorOf(outcome);
    }

    const onLocked = ({ reason }: AppEventPayload<'vault.locked'>): void => {
      const { status } = get();
      guard.bump();
      set({ status: status === null ? null : lockedStatus(status, reason), error: null });
      void get().refresh();
    };

    return {
      status: null,
      busy: false,
      error: null,

      connect: () => {
        const off = [
          api.on('vault.locked', onLocked),
          api.on('vault.unlocked', () => void get().refresh()),
        ];
        void get().refresh();
        return () => {
          for (const unsubscribe of off) unsubscribe();
        };
      },

      refresh: async () => {
        const current = guard.start();
        const outcome = await attempt(() => api.vault.status());
        if (outcome.ok) {
          if (current()) apply(outcome.value);
        } else if (get().status === null) {
          set({ error: { ...outcome.error, action: 'refresh' } });
        }
      },

      create: (password, options) =>
        act('create', async () => {
          const args =
            options?.replaceLeftovers === true
              ? { password, replaceLeftovers: true }
              : { password };
          apply(await api.vault.create(args));
        }),

      unlock: (password, options) =>
        act('unlock', async () => {
          const args =
            options?.allowRollback === true ? { password, allowRollback: true } : { password };
          apply(await api.vault.unlock(args));
        }),

      unlockWithKeychain: () =>
        act('unlockWithKeychain', async () => {
          apply(await api.vault.unlockWithKeychain());
        }),

      lock: () =>
        act('lock', async () => {
          apply(await api.vault.lock());
        }),

      changePassword: (current, next) =>
        act('changePassword', () => api.vault.changePassword({ current, next })),

      restoreBackup: () =>
        act('restoreBackup', async () => {
          apply(await api.vault.restoreBackup());
        }),

      restoreGeneration: (id) =>
        act('restoreGeneration', async () => {
          apply(await api.vault.restoreGeneration({ id }));
        }),

      restoreFromFile: (args) =>
        act('restoreFromFile', async () => {
          apply(await api.backup.restore(args));
        }),

      setKeychainUnlock: (enabled, password) =>
        act('setKeychainUnlock', async () => {
          apply(await api.vault.setKeychainUnlock({ enabled, password }));
        }),

      clearError: () => {
        set({ error: null });
      },
    };
  });
}
