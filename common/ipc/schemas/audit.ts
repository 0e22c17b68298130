import { z } from 'zod';

export const AuditAction = z.enum([
  'instance.add',
  'instance.update',
  'instance.remove',
  'instance.test',
  'instance.pin',
  'key.create',
  'key.update',
  'key.delete',
  /** A key missing from the server put back with its value held in the vault. */
  'key.import',
  /** A key missing from the server no longer reported. */
  'key.forget',
  'key.copy',
  'key.reveal',
  'chatflow.bind',
  /** Marked (or no longer marked) public on purpose. */
  'chatflow.public',
  'credential.create',
  'credential.update',
  'credential.delete',
  /** A credential copied to another instance under its id; the detail names both instances. */
  'credential.promote',
  /** A key made again on another instance; the detail names both instances. */
  'key.promote',
  'rotation.step',
  'rotation.batch',
  'vault.password_changed',
  /** The log was found cut back or replaced against the head this computer last wrote. */
  'audit.truncated',
  /** A lock setting made weaker, with the master password; one record per setting. */
  'settings.weakened',
  'vault.keychain_changed',
  'vault.unlock',
  /** The failed unlocks since the last one, told at the next unlock (the log is locked then). */
  'vault.unlock_failed',
  /** A key's delivery target added, changed or removed; the detail holds its full definition. */
  'delivery.target_add',
  'delivery.target_update',
  'delivery.target_remove',
  /** A maximum age set, changed or removed on an instance or a key. */
  'policy.set',
  /** An encrypted backup (.fkvbak) made, or one imported; the detail names its fingerprint and date. */
  'backup.export',
  'backup.import',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** What the record is about: names and fingerprints, never a value. */
export const AuditSubject = z.object({
  kind: z.enum(['instance', 'key', 'chatflow', 'credential', 'rotation', 'vault']),
  name: z.string(),
  id: z.string().optional(),
  fingerprint: z.string().optional(),
});
export type AuditSubject = z.infer<typeof AuditSubject>;

export const AuditEntry = z.object({
  action: AuditAction,
  outcome: z.enum(['ok', 'failed']),
  instanceId: z.string().optional(),
  instanceName: z.string().optional(),
  subject: AuditSubject.optional(),
  /** A short human note, e.g. "bound to key deploy (••••a1b2)", or a delivery target's whole
   * definition (paths and commands, which run long). Never a secret. */
  detail: z.string().max(8000).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditRecord = AuditEntry.extend({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  osUser: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  instanceId: z.string().max(100).optional(),
  text: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(10_000).default(500),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({ records: z.array(AuditRecord), total: z.number() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  count: z.number(),
  /** The first record whose hash or link does not check out. */
  brokenAt: z.number().optional(),
  summary: z.string(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AuditExport = z.object({ fileName: z.string(), json: z.string() });
export type AuditExport = z.infer<typeof AuditExport>;
