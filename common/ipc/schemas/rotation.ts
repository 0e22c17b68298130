// Guided key rotation as the renderer sees it: the plan, then one journal per rotation whose view
// never carries a key value (only masks, fingerprints and a one-time reveal ticket).
import { z } from 'zod';

import { WireError } from '../../errors.js';
import { TargetId } from './delivery.js';
import { InstanceId } from './instances.js';
import { BoundFlow } from './keys.js';

const FlowiseId = z.string().min(1).max(100);
export const RotationId = z.string().regex(/^[a-f0-9]{12}$/);

/** The steps in order. `deliver` puts the new key into the key's delivery targets (skipped when it
 * has none). `grace` is the wait for the person to update external apps. `switch`
 * (the vault's stored admin key becomes the new key) runs only when the key is the instance's
 * admin key; other rotations show it as skipped. */
export const RotationStep = z.enum([
  'plan',
  'create',
  'stash',
  'rebind',
  'verify',
  'switch',
  'reveal',
  'deliver',
  'grace',
  'revoke',
  'confirm',
]);
export type RotationStep = z.infer<typeof RotationStep>;

/**
 * running: a step is in progress, or was when the app stopped (resume it).
 * waiting: in grace, until rotation.revoke. failed: a step failed; resume retries it, or roll back.
 * done: the old key is revoked and confirmed dead. rolled_back: flows back on the old key, the new
 * key deleted.
 */
export const RotationStatus = z.enum(['running', 'waiting', 'failed', 'done', 'rolled_back']);
export type RotationStatus = z.infer<typeof RotationStatus>;

export const StepState = z.enum(['pending', 'done', 'failed', 'skipped']);

export const RotationFlow = BoundFlow.extend({
  /** pending: still on the old key; rebound/verified: on the new one; restored: rolled back. */
  state: z.enum(['pending', 'rebound', 'verified', 'restored', 'skipped']),
  /** The person marked it safe to call: verify runs one prediction on it with the new key. */
  probe: z.boolean(),
});
export type RotationFlow = z.infer<typeof RotationFlow>;

const KeyRefView = z.object({
  id: z.string(),
  name: z.string(),
  masked: z.string(),
  fingerprint: z.string(),
});

export const RotationPlanArgs = z.strictObject({ instanceId: InstanceId, keyId: FlowiseId });
export type RotationPlanArgs = z.infer<typeof RotationPlanArgs>;

export const KeyRotationPlan = z.object({
  instanceId: InstanceId,
  instanceName: z.string(),
  oldKey: KeyRefView,
  /** Undefined before Flowise 3.0.13, where keys carry no permissions. */
  permissions: z.array(z.string()).optional(),
  /** The replacement's name: the old name and a suffix carrying the rotation id. */
  newKeyName: z.string(),
  flows: z.array(BoundFlow),
  /** Plain sentences for the plan screen (the cutover, permissions, …). */
  warnings: z.array(z.string()),
  /** The key is the one this app manages the instance with: the vault switches to the new key. */
  admin: z.boolean().optional(),
  /** Why a start would be refused now (the key is already being rotated…), in words. */
  blocked: z.string().optional(),
  /** The delivery targets that will receive the new key, each exactly as it will run. */
  targets: z.array(z.object({ id: TargetId, label: z.string(), words: z.string() })).optional(),
});
export type KeyRotationPlan = z.infer<typeof KeyRotationPlan>;

export const StartRotationArgs = RotationPlanArgs.extend({
  /** Flows the person marked safe to call: verify runs one prediction on each. */
  probeFlowIds: z.array(FlowiseId).max(50).optional(),
});
export type StartRotationArgs = z.infer<typeof StartRotationArgs>;

export const RotationRef = z.strictObject({ rotationId: RotationId });
export type RotationRef = z.infer<typeof RotationRef>;

/** `override`: to revoke although a delivery or check failed, the exact words of
 * RotationView.revokeBlockers joined by "; ", which the confirmation shows. */
export const RevokeArgs = RotationRef.extend({ override: z.string().max(8000).optional() });
export type RevokeArgs = z.infer<typeof RevokeArgs>;

export const RetryDeliveryArgs = RotationRef.extend({
  targetIds: z.array(TargetId).min(1).max(20),
});
export type RetryDeliveryArgs = z.infer<typeof RetryDeliveryArgs>;

/**
 * pending: not yet run. started: running (or the app stopped while it ran). delivered / failed.
 * interrupted: the app stopped while a target that is not idempotent ran; it is not run again
 * unless the person retries it. undone / undo_failed: rollback put it back, or could not.
 */
export const DeliveryState = z.enum([
  'pending',
  'started',
  'delivered',
  'failed',
  'interrupted',
  'undone',
  'undo_failed',
]);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const DeliveryView = z.object({
  id: TargetId,
  label: z.string(),
  kind: z.enum(['env-file', 'command']),
  state: DeliveryState,
  check: z.enum(['passed', 'failed']).optional(),
  /** What happened, in words; never a key value. */
  words: z.string().optional(),
  /** A command's output with the key replaced. */
  output: z.string().optional(),
  checkWords: z.string().optional(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

/** The master password, when the unlock is older than the copy re-auth window. */
export const RotationRevealArgs = RotationRef.extend({ password: z.string().max(1024).optional() });
export type RotationRevealArgs = z.infer<typeof RotationRevealArgs>;

export const RotationView = z.object({
  id: RotationId,
  instanceId: InstanceId,
  instanceName: z.string(),
  oldKey: KeyRefView,
  newKeyName: z.string(),
  newKey: KeyRefView.optional(),
  permissions: z.array(z.string()).optional(),
  flows: z.array(RotationFlow),
  status: RotationStatus,
  /** The last step completed. */
  reached: RotationStep,
  steps: z.array(z.object({ step: RotationStep, state: StepState })),
  /** The step that failed, with the error, while status is failed. */
  failedStep: RotationStep.optional(),
  error: WireError.optional(),
  /** Before revoke only: rebinds the flows to the old key, then deletes the new key. */
  canRollback: z.boolean(),
  /** In grace: rotation.revoke finishes the rotation. */
  canRevoke: z.boolean(),
  /** A rollback was started and not finished: resume carries the rollback on. */
  rollingBack: z.boolean(),
  /** Not done and not rolled back: the app offers to resume it. */
  unfinished: z.boolean(),
  startedAt: z.number(),
  updatedAt: z.number(),
  revealedAt: z.number().optional(),
  /** First to last rebind of the cutover, in ms. */
  cutoverMs: z.number().optional(),
  /** The new key is no longer on the server (deleted outside the app): resume creates another
   * and moves the flows to it; rollback is still offered. */
  newKeyGone: z.literal(true).optional(),
  /** The instance's admin key is being rotated: the switch step runs. */
  admin: z.boolean().optional(),
  /** Set when the rotation was started as part of a bulk rotation. */
  batchId: RotationId.optional(),
  /** Each delivery target's progress and result; absent when the key has none. */
  deliveries: z.array(DeliveryView).optional(),
  /** What holds revoke back (a target not delivered, a check failed); revoke needs these exact
   * words, joined by "; ", as its override. */
  revokeBlockers: z.array(z.string()).optional(),
  /** Only in the answer of the call that reached the reveal step, or of rotation.reveal: redeem
   * it once with keys.reveal. Never in events or lists. */
  ticket: z.string().optional(),
});
export type RotationView = z.infer<typeof RotationView>;

export const RotationList = z.object({ rotations: z.array(RotationView) });
export type RotationList = z.infer<typeof RotationList>;
