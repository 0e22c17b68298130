// Bulk rotation as the renderer sees it: which keys a policy picks, each key's plan (or why it
// cannot be rotated), and what became of each key once the batch ran. Every key still has its own
// journal; the batch id only groups them.
import { z } from 'zod';

import { WireError } from '../../errors.js';
import { InstanceId } from './instances.js';
import { KeyRotationPlan, RotationId, RotationView } from './rotation.js';

/** More keys than this in one batch is a mistake more often than a plan. */
export const BATCH_MAX_KEYS = 100;
export const BATCH_MAX_INSTANCES = 50;
export const BATCH_MAX_DAYS = 3650;

const FlowiseId = z.string().min(1).max(100);

export const BatchKeyRef = z.strictObject({ instanceId: InstanceId, keyId: FlowiseId });
export type BatchKeyRef = z.infer<typeof BatchKeyRef>;

/** Absent: every instance in the vault. */
const Instances = z.array(InstanceId).min(1).max(BATCH_MAX_INSTANCES).optional();

const uniqueKeys = (keys: readonly BatchKeyRef[]): boolean =>
  new Set(keys.map((k) => `${k.instanceId}/${k.keyId}`)).size === keys.length;

const KeyRefs = z
  .array(BatchKeyRef)
  .min(1)
  .max(BATCH_MAX_KEYS)
  .refine(uniqueKeys, { message: 'A key is listed twice.' });

export const BatchSelection = z.discriminatedUnion('mode', [
  /** Keys first seen by this vault at least `days` days ago (Flowise keeps no creation date). */
  z.strictObject({
    mode: z.literal('olderThan'),
    days: z.number().int().min(0).max(BATCH_MAX_DAYS),
    instanceIds: Instances,
  }),
  z.strictObject({ mode: z.literal('byHand'), keys: KeyRefs }),
  /** Keys at or past their maximum age (policies.due's "due" items). */
  z.strictObject({ mode: z.literal('due'), instanceIds: Instances }),
  /** The key called `keyName` (exactly) on each instance. */
  z.strictObject({
    mode: z.literal('sameName'),
    keyName: z.string().min(1).max(100),
    instanceIds: Instances,
  }),
]);
export type BatchSelection = z.infer<typeof BatchSelection>;

export const BatchPlanItem = z.object({
  instanceId: InstanceId,
  instanceName: z.string(),
  /** Absent when the instance's keys could not be read at all. */
  key: z.object({ id: z.string(), name: z.string() }).optional(),
  plan: KeyRotationPlan.optional(),
  /** Why this key (or this instance) cannot be rotated now; the other items are unaffected. */
  error: WireError.optional(),
});
export type BatchPlanItem = z.infer<typeof BatchPlanItem>;

export const BatchPlan = z.object({
  items: z.array(BatchPlanItem),
  /** Plain sentences: admin keys left out, matches cut to the batch limit, … */
  notes: z.array(z.string()),
});
export type BatchPlan = z.infer<typeof BatchPlan>;

export const StartManyArgs = z.strictObject({ keys: KeyRefs });
export type StartManyArgs = z.infer<typeof StartManyArgs>;

export const BatchRef = z.strictObject({ batchId: RotationId });
export type BatchRef = z.infer<typeof BatchRef>;

export const BatchResultItem = z.object({
  instanceId: InstanceId,
  instanceName: z.string(),
  keyId: z.string(),
  /** The key's rotation as the call left it; in startMany it may hold the one-time ticket. */
  rotation: RotationView.optional(),
  /** The call failed before a journal was saved (or, in revokeMany, outright). */
  error: WireError.optional(),
});
export type BatchResultItem = z.infer<typeof BatchResultItem>;

export const BatchResult = z.object({ batchId: RotationId, items: z.array(BatchResultItem) });
export type BatchResult = z.infer<typeof BatchResult>;
