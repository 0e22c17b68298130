import { z } from 'zod';

export const Settings = z.object({
  /** Lock after this many idle minutes; 0 turns idle locking off. */
  autoLockMinutes: z.number().int().min(0).max(1440),
  lockOnScreenLock: z.boolean(),
  lockOnSleep: z.boolean(),
  /** Clear a copied secret from the clipboard after this many seconds. */
  clipboardClearSeconds: z.number().int().min(5).max(600),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 5,
  lockOnScreenLock: true,
  lockOnSleep: true,
  clipboardClearSeconds: 30,
};

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
