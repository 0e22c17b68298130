// What the vault reports about itself without opening anything: its state, where it lives, the
// keychain, earlier files left next to a missing vault, and notices from start-up.
import type { AppNotice, VaultStatus } from '../../../common/ipc/schemas/vault.js';
import type { KeyProtector, StateStore, VaultFileStore } from '../ports.js';
import { decodeVaultFile } from './vault-format.js';
import type { VaultHeader } from './vault-format.js';
import { availabilityOf } from './vault-keys.js';

export interface StatusInputs {
  files: VaultFileStore;
  protector: KeyProtector;
  state: StateStore;
  /** The open session's header and start, when unlocked. */
  open?: { header: VaultHeader; unlockedAt: number };
  /** Start-up notices are shown until the vault is first opened in this run. */
  showNotices: boolean;
}

/** The state file could not be read at start; said in the words the unlock screen shows. */
export function stateResetNotice(setAsidePath: string): AppNotice {
  return {
    code: 'state_reset',
    message:
      `The app's state file could not be read, so it was set aside as ${setAsidePath} and the ` +
      `app started with default settings. It also held the record of the vault's saves, so ` +
      `unlocking may ask you to confirm that the vault file is the one you expect.`,
  };
}

export async function vaultStatus(
  input: StatusInputs,
): Promise<Omit<VaultStatus, 'lastLockReason'>> {
  const { files, protector, open } = input;
  const [bytes, backup, availability] = await Promise.all([
    open === undefined ? files.read() : Promise.resolve(null),
    files.readBackup().catch(() => null),
    availabilityOf(protector),
  ]);
  let header = open?.header;
  if (bytes !== null) {
    const decoded = decodeVaultFile(bytes);
    if (decoded.ok) header = decoded.file.header;
  }
  const leftovers =
    open === undefined && bytes === null ? await files.leftovers().catch(() => []) : [];
  const keychain = {
    enabled: header?.keychainWrap !== undefined,
    available: availability.available,
    backend: availability.backend,
    ...(availability.reason === undefined ? {} : { reason: availability.reason }),
  };
  const state =
    open !== undefined
      ? 'unlocked'
      : bytes !== null
        ? 'locked'
        : leftovers.length > 0
          ? 'missing'
          : 'none';
  const setAside = input.state.setAsidePath;
  return {
    state,
    path: files.path,
    backupAvailable: backup !== null,
    keychain,
    ...(open === undefined ? {} : { unlockedAt: open.unlockedAt }),
    ...(state === 'missing' ? { leftovers } : {}),
    ...(input.showNotices && setAside !== undefined
      ? { notices: [stateResetNotice(setAside)] }
      : {}),
  };
}
