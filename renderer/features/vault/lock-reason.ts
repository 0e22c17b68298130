import type { LockReason } from '../../../common/ipc/schemas/vault.js';

const TEXT: Record<LockReason, string | null> = {
  idle: 'Locked after inactivity.',
  screen: 'Locked because the screen was locked.',
  sleep: 'Locked when the computer went to sleep.',
  manual: 'Vault locked.',
  startup: null,
  quit: null,
  restore:
    'An automatic backup is in place. Unlock with the master password it was saved with; you ' +
    'are asked once more, with its date and save number, before it opens.',
  elsewhere:
    'Locked because another program (the fkv command line, or the app in another window) ' +
    'changed the vault’s password or put another copy in place. Nothing was saved over it.',
};

/** The line the unlock screen shows about why the vault is locked, if any. */
export function lockReasonText(reason: LockReason | undefined): string | null {
  return reason === undefined ? null : TEXT[reason];
}
