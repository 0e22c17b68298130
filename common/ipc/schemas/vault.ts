import { z } from 'zod';

/** Long enough for any passphrase, short enough that nobody can make main hash megabytes. */
export const Password = z.string().min(1).max(1024);

/** 'missing': no vault file, but earlier generations of one (a backup, damaged copies) remain. */
export const VaultState = z.enum(['none', 'missing', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultState>;

/** 'elsewhere': another process changed the vault in a way this one cannot save on top of. */
export const LockReason = z.enum([
  'manual',
  'idle',
  'screen',
  'sleep',
  'quit',
  'startup',
  'elsewhere',
  'restore',
]);
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

/** Something the person should know once, e.g. app data that had to be reset at start. */
export const AppNotice = z.object({ code: z.enum(['state_reset']), message: z.string() });
export type AppNotice = z.infer<typeof AppNotice>;

export const VaultStatus = z.object({
  state: VaultState,
  /** Where the vault file lives; shown so a person can find it and its backup. */
  path: z.string(),
  backupAvailable: z.boolean(),
  keychain: KeychainStatus,
  unlockedAt: z.number().optional(),
  lastLockReason: LockReason.optional(),
  /** With state 'missing': the earlier files found next to the missing vault, by path. */
  leftovers: z.array(z.string()).optional(),
  notices: z.array(AppNotice).optional(),
  /** While locked after several wrong passwords: how long until the next try is allowed. */
  retryInMs: z.number().optional(),
  /** While unlocked: the failed unlocks since the previous unlock, told once per unlock. */
  failedUnlocks: z.object({ count: z.number(), lastAt: z.number() }).optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const CreateVaultArgs = z.strictObject({
  password: Password,
  /** Earlier vault files are in the folder: move them aside (never deleted) and create anyway. */
  replaceLeftovers: z.boolean().optional(),
});
export const UnlockArgs = z.strictObject({
  password: Password,
  /** Opening a file older than the newest one this app wrote needs an explicit yes. */
  allowRollback: z.boolean().optional(),
});
/** One automatic local backup: the vault file as it was saved at `counter`. */
export const VaultGeneration = z.object({
  id: z.string().regex(/^\d{15}\.fkv$/),
  counter: z.number().int().min(0),
  savedAt: z.number(),
});
export type VaultGeneration = z.infer<typeof VaultGeneration>;
export const RestoreGenerationArgs = z.strictObject({ id: VaultGeneration.shape.id });

export const ChangePasswordArgs = z.strictObject({ current: Password, next: Password });
/** On or off, the master password is asked again: on lets anyone at this OS account open the
 * vault, and off makes a fresh data key that only the password can wrap. */
export const KeychainArgs = z.strictObject({ enabled: z.boolean(), password: Password });
