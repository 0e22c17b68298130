// The encrypted backup (.fkvbak): export the vault, or chosen instances, under a passphrase of its
// own; preview a backup against the open vault; import it with a choice per conflicting instance.
// The file crosses to the renderer only sealed (base64), to be saved or read like any download.
import { z } from 'zod';

import { InstanceId } from './instances.js';
import { Password } from './vault.js';

export const BACKUP_EXTENSION = 'fkvbak';

/** A sealed backup file as base64: 48 MiB of it, far past a vault of thousands of keys. */
export const BackupContent = z
  .string()
  .min(1)
  .max(64 * 1024 * 1024);

export const ExportBackupArgs = z.strictObject({
  /** The master password again: the backup carries every admin key it holds out of the vault. */
  password: Password,
  /** The backup's own passphrase; it must be "good" or better (common/password-strength.ts). */
  passphrase: Password,
  /** Absent: the whole vault. */
  instanceIds: z.array(InstanceId).min(1).max(1000).optional(),
  includeAudit: z.boolean(),
});
export type ExportBackupArgs = z.input<typeof ExportBackupArgs>;

/** A made backup, for the renderer to save through the save dialog. */
export const BackupFile = z.object({
  fileName: z.string(),
  content: BackupContent,
  /** SHA-256 of the file, hex: what the import's audit record names. */
  fingerprint: z.string(),
  createdAt: z.number(),
  instances: z.number().int(),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const OpenBackupArgs = z.strictObject({ content: BackupContent, passphrase: Password });
export type OpenBackupArgs = z.input<typeof OpenBackupArgs>;

/** new: no such instance here; identical: the same profile and records; conflict: the same id, or
 * another instance at the same address, with different contents. */
export const BackupItemStatus = z.enum(['new', 'conflict', 'identical']);
export type BackupItemStatus = z.infer<typeof BackupItemStatus>;

export const BackupItem = z.object({
  /** The instance's id in the backup: the key of its resolution. */
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  status: BackupItemStatus,
  keys: z.number().int(),
  rotations: z.number().int(),
  targets: z.number().int(),
  /** This vault's instance it conflicts with (or is identical to). */
  mine: z.object({ id: z.string(), name: z.string(), baseUrl: z.string() }).optional(),
  conflict: z.enum(['same-id', 'same-address']).optional(),
});
export type BackupItem = z.infer<typeof BackupItem>;

export const BackupPreview = z.object({
  fingerprint: z.string(),
  createdAt: z.number(),
  auditRecords: z.number().int().optional(),
  items: z.array(BackupItem),
});
export type BackupPreview = z.infer<typeof BackupPreview>;

/** mine: keep this vault's instance; theirs: replace it with the backup's; both: keep both (the
 * backup's under a new id when the ids are the same). */
export const Resolution = z.enum(['mine', 'theirs', 'both']);
export type Resolution = z.infer<typeof Resolution>;

export const ImportBackupArgs = OpenBackupArgs.extend({
  /** One per conflicting instance, by its id in the backup. */
  resolutions: z.record(z.string().max(200), Resolution),
});
export type ImportBackupArgs = z.input<typeof ImportBackupArgs>;

export const ImportResult = z.object({
  fingerprint: z.string(),
  added: z.number().int(),
  replaced: z.number().int(),
  keptBoth: z.number().int(),
  keptMine: z.number().int(),
  identical: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** A backup restored as a new vault (no vault here yet), sealed with this master password. */
export const RestoreBackupArgs = OpenBackupArgs.extend({ password: Password });
export type RestoreBackupArgs = z.input<typeof RestoreBackupArgs>;
