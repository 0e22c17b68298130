import { z } from 'zod';

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
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 5,
  lockOnScreenLock: true,
  lockOnSleep: true,
  clipboardClearSeconds: 30,
  storeCreatedKeys: true,
  copyReauthMinutes: 15,
};

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
