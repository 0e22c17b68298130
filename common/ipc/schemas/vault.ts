import { z } from 'zod';

/** Long enough for any passphrase, short enough that nobody can make main hash megabytes. */
export const Password = z.string().min(1).max(1024);

export const VaultState = z.enum(['none', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultState>;

export const LockReason = z.enum(['manual', 'idle', 'screen', 'sleep', 'quit', 'startup']);
export type LockReason = z.infer<typeof LockReason>;

export const KeychainStatus = z.object({
  /** The data key is also wrapped by the OS keychain. */
  enabled: z.boolean(),
  /** The OS offers a real keychain (never true for Linux's basic_text backend). */
  available: z.boolean(),
  backend: z.string(),
  /** Why it cannot be used, in words, when it is not available. */
  reason: z.string().optional(),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

export const VaultStatus = z.object({
  state: VaultState,
  /** Where the vault file lives; shown so a person can find it and its backup. */
  path: z.string(),
  backupAvailable: z.boolean(),
  keychain: KeychainStatus,
  unlockedAt: z.number().optional(),
  lastLockReason: LockReason.optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const CreateVaultArgs = z.strictObject({ password: Password });
export const UnlockArgs = z.strictObject({
  password: Password,
  /** Opening a file older than the newest one this app wrote needs an explicit yes. */
  allowRollback: z.boolean().optional(),
});
export const ChangePasswordArgs = z.strictObject({ current: Password, next: Password });
export const KeychainArgs = z.strictObject({ enabled: z.boolean() });
