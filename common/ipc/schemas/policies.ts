// Rotation policies: how old a key may get before it is due for rotation, set per instance or per
// key and kept in the vault. A key's age counts from the later of the day the vault first saw it
// and its last rotation through the app (Flowise keeps no creation date).
import { z } from 'zod';

import { InstanceId } from './instances.js';

export const POLICY_MAX_DAYS = 3650;

const FlowiseId = z.string().min(1).max(100);

/** 0 makes every key under the policy due at once. */
export const MaxAgeDays = z.number().int().min(0).max(POLICY_MAX_DAYS);

export const PolicyScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('instance'), instanceId: InstanceId }),
  z.strictObject({ kind: z.literal('key'), instanceId: InstanceId, keyId: FlowiseId }),
]);
export type PolicyScope = z.infer<typeof PolicyScope>;

/** null removes the policy: the key then follows its instance's, else Settings' keyMaxAgeDays. */
export const SetPolicyArgs = z.strictObject({
  scope: PolicyScope,
  maxAgeDays: MaxAgeDays.nullable(),
});
export type SetPolicyArgs = z.infer<typeof SetPolicyArgs>;

export const InstancePolicy = z.object({ instanceId: z.string(), maxAgeDays: MaxAgeDays });
export type InstancePolicy = z.infer<typeof InstancePolicy>;
export const KeyPolicy = InstancePolicy.extend({ keyId: z.string() });
export type KeyPolicy = z.infer<typeof KeyPolicy>;

export const PolicyList = z.object({
  instances: z.array(InstancePolicy),
  keys: z.array(KeyPolicy),
});
export type PolicyList = z.infer<typeof PolicyList>;

/** due: at or past its maximum age. soon: due within Settings' dueSoonDays. */
export const DueStatus = z.enum(['due', 'soon', 'ok']);
export type DueStatus = z.infer<typeof DueStatus>;

/** Where a key's maximum age comes from: its own policy, its instance's, or Settings. */
export const PolicySource = z.enum(['key', 'instance', 'settings']);
export type PolicySource = z.infer<typeof PolicySource>;

export const DueItem = z.object({
  instanceId: z.string(),
  instanceName: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  status: z.enum(['due', 'soon']),
  maxAgeDays: MaxAgeDays,
  source: PolicySource,
  /** Whole days since `since`. */
  ageDays: z.number().int(),
  /** The later of first seen and last rotated through the app (ms since the epoch). */
  since: z.number(),
  dueAt: z.number(),
  /** The key this app manages the instance with: rotated on its own, never in "Rotate all due". */
  admin: z.boolean(),
});
export type DueItem = z.infer<typeof DueItem>;

export const DueArgs = z.strictObject({
  /** Absent: every instance in the vault. */
  instanceIds: z.array(InstanceId).min(1).max(50).optional(),
});
export type DueArgs = z.infer<typeof DueArgs>;

/** Due keys first (most overdue first), then soon-due ones (soonest first). */
export const DueReport = z.object({
  items: z.array(DueItem),
  soonDays: z.number().int(),
  now: z.number(),
});
export type DueReport = z.infer<typeof DueReport>;
