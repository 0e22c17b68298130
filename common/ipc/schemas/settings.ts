import { z } from 'zod';

import { Password } from './vault.js';

export const Settings = z.object({
  /** Lock after this many idle minutes; 0 turns idle locking off. */
  autoLockMinutes: z.number().int().min(0).max(1440),
  lockOnScreenLock: z.boolean(),
  lockOnSleep: z.boolean(),
  /** Clear a copied secret from the clipboard after this many seconds. */
  clipboardClearSeconds: z.number().int().min(5).max(600),
  /** Keep the value of keys created here, encrypted in the vault, so they can be copied later. */
  storeCreatedKeys: z.boolean(),
  /** Ask for the master password before a copy when the last unlock is older; 0 never asks. */
  copyReauthMinutes: z.number().int().min(0).max(1440),
  /** Overview: a key older than this many days is due for rotation. */
  keyMaxAgeDays: z.number().int().min(1).max(3650),
  /** Overview: a key bound to more flows than this is one leak away from all of them. */
  manyFlowsThreshold: z.number().int().min(1).max(10_000),
  /** Overview: a rotation left in grace longer than this many days keeps the old key alive. */
  graceLimitDays: z.number().int().min(1).max(365),
  /** A key due for rotation within this many days is "soon due" (banner, Due list). */
  dueSoonDays: z.number().int().min(0).max(365),
  /** An OS notification when a key becomes due while the app runs unlocked. */
  notifyDue: z.boolean(),
  /** Automatic local backups: how many of the vault's last saves are kept beside it; 0 none. */
  backupGenerations: z.number().int().min(0).max(100),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 5,
  lockOnScreenLock: true,
  lockOnSleep: true,
  clipboardClearSeconds: 30,
  storeCreatedKeys: true,
  copyReauthMinutes: 15,
  keyMaxAgeDays: 90,
  manyFlowsThreshold: 10,
  graceLimitDays: 7,
  dueSoonDays: 14,
  notifyDue: true,
  backupGenerations: 10,
};

export const SettingsPatch = Settings.partial()
  .extend({
    /** The master password; needed only when the patch weakens a lock (see `weakenings`). */
    password: Password.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** A change that leaves the vault open longer or to more people than before. */
export interface SettingsWeakening {
  readonly field: 'autoLockMinutes' | 'copyReauthMinutes' | 'lockOnScreenLock' | 'lockOnSleep';
  /** In words, e.g. "auto-lock from 5 minutes to never". */
  readonly words: string;
}

const minutes = (n: number): string => (n === 0 ? 'never' : `${String(n)} minutes`);
/** 0 is "off", the weakest; otherwise a longer wait is weaker. */
const longer = (from: number, to: number): boolean => from !== 0 && (to === 0 || to > from);

/** What `patch` would weaken against `current`; main asks for the master password for these and
 * writes each one to the audit log, and the Settings page asks before saving them. */
export function weakenings(current: Settings, patch: SettingsPatch): SettingsWeakening[] {
  const found: SettingsWeakening[] = [];
  const { autoLockMinutes: lock, copyReauthMinutes: reauth } = patch;
  if (lock !== undefined && longer(current.autoLockMinutes, lock))
    found.push({
      field: 'autoLockMinutes',
      words: `auto-lock from ${minutes(current.autoLockMinutes)} to ${minutes(lock)}`,
    });
  if (reauth !== undefined && longer(current.copyReauthMinutes, reauth))
    found.push({
      field: 'copyReauthMinutes',
      words: `asking for the password before a copy from ${minutes(current.copyReauthMinutes)} to ${minutes(reauth)}`,
    });
  if (patch.lockOnScreenLock === false && current.lockOnScreenLock)
    found.push({ field: 'lockOnScreenLock', words: 'locking when the screen locks turned off' });
  if (patch.lockOnSleep === false && current.lockOnSleep)
    found.push({ field: 'lockOnSleep', words: 'locking when the computer sleeps turned off' });
  return found;
}
