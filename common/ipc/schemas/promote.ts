// Promotion between instances: credentials copied from one instance to another under the same id
// (so a flow moved between them keeps working), a key made again on the other instance, and the
// check of which credentials a flow needs there. Secret values never cross to the renderer: the
// plans name fields by label only, and values the person types travel one way, renderer → main.
import { z } from 'zod';

import { CreatedKey, KeyName, Permission } from './keys.js';
import { FieldMap } from './credentials.js';
import { InstanceId } from './instances.js';

const FlowiseId = z.string().trim().min(1).max(100);
const MAX_ITEMS = 200;

const Between = { fromInstanceId: InstanceId, toInstanceId: InstanceId };

/** One end of a promotion, as the dialogs name it. */
export const PromoteEnd = z.object({
  instanceId: InstanceId,
  name: z.string(),
  /** The server's version, when it says. */
  version: z.string().optional(),
});
export type PromoteEnd = z.infer<typeof PromoteEnd>;

export const CredentialCopyPlanArgs = z.strictObject({
  ...Between,
  ids: z.array(FlowiseId).min(1).max(MAX_ITEMS),
});
export type CredentialCopyPlanArgs = z.infer<typeof CredentialCopyPlanArgs>;

/** A credential of that id already on the target: shown beside the source's before overwriting. */
export const CredentialOnTarget = z.object({
  name: z.string(),
  credentialName: z.string(),
  typeLabel: z.string(),
  shared: z.boolean(),
});
export type CredentialOnTarget = z.infer<typeof CredentialOnTarget>;

export const UnreadableField = z.object({
  name: z.string(),
  label: z.string(),
  optional: z.boolean(),
});
export type UnreadableField = z.infer<typeof UnreadableField>;

export const CredentialCopyItem = z.object({
  id: z.string(),
  name: z.string(),
  credentialName: z.string(),
  typeLabel: z.string(),
  /** Labels of the fields read on the source that will be carried as they are. */
  carried: z.array(z.string()),
  /** Secret fields Flowise never gives back (nor its reveal route): the person types them, or,
   * when overwriting, leaves them empty to keep what the target already stores. */
  unreadable: z.array(UnreadableField),
  existing: CredentialOnTarget.optional(),
  /** Why this one cannot be copied (unknown type on the target, not readable on the source…). */
  problem: z.string().optional(),
});
export type CredentialCopyItem = z.infer<typeof CredentialCopyItem>;

export const CredentialCopyPlan = z.object({
  from: PromoteEnd,
  to: PromoteEnd,
  /** False when the target cannot keep ids (before Flowise 3.0.5); `refusal` says why. */
  supported: z.boolean(),
  refusal: z.string().optional(),
  /** How the source's values were read, in words (reveal route or not). */
  readNote: z.string(),
  items: z.array(CredentialCopyItem),
});
export type CredentialCopyPlan = z.infer<typeof CredentialCopyPlan>;

export const CredentialCopyArgs = z.strictObject({
  ...Between,
  items: z
    .array(
      z.strictObject({
        id: FlowiseId,
        /** Required to replace a credential of that id on the target. */
        overwrite: z.boolean(),
        /** Values for the unreadable fields, by input name. */
        secrets: FieldMap,
      }),
    )
    .min(1)
    .max(MAX_ITEMS),
});
export type CredentialCopyArgs = z.infer<typeof CredentialCopyArgs>;

export const CredentialCopyOutcome = z.object({
  id: z.string(),
  name: z.string(),
  outcome: z.enum(['created', 'overwritten', 'skipped', 'failed']),
  message: z.string().optional(),
});
export type CredentialCopyOutcome = z.infer<typeof CredentialCopyOutcome>;

export const CredentialCopyResult = z.object({ results: z.array(CredentialCopyOutcome) });
export type CredentialCopyResult = z.infer<typeof CredentialCopyResult>;

export const KeyPromoteRef = z.strictObject({ ...Between, keyId: FlowiseId });
export type KeyPromoteRef = z.infer<typeof KeyPromoteRef>;

export const KeyPromoteMode = z.enum([
  /** A key of the same name and permissions, with a value the target makes (any version). */
  'new-value',
  /** The exact value, through the import route (2.0.2 to 3.0.12). */
  'same-value',
]);
export type KeyPromoteMode = z.infer<typeof KeyPromoteMode>;

export const KeyPromotePlan = z.object({
  from: PromoteEnd,
  to: PromoteEnd,
  keyName: z.string(),
  /** The source key's permissions; undefined before 3.0.13, where keys have none. */
  permissions: z.array(z.string()).optional(),
  /** Whether the target gives keys permissions of their own (3.0.13+). */
  targetHasPermissions: z.boolean(),
  /** Permissions the target's admin key lacks, so it cannot grant them. */
  targetAdminLacks: z.array(z.string()),
  /** How many keys of that name the target already has. */
  sameNameOnTarget: z.number(),
  modes: z.array(z.object({ mode: KeyPromoteMode, possible: z.boolean(), note: z.string() })),
});
export type KeyPromotePlan = z.infer<typeof KeyPromotePlan>;

export const KeyPromoteArgs = KeyPromoteRef.extend({
  mode: KeyPromoteMode,
  /** On a 3.0.13+ target, when the source key has none (older server): the ones to give. */
  permissions: z.array(Permission).max(200).optional(),
  keyName: KeyName.optional(),
});
export type KeyPromoteArgs = z.infer<typeof KeyPromoteArgs>;

/** The new key, and a ticket to reveal its value once (new-value only). */
export const PromotedKey = CreatedKey.extend({
  ticket: z.string().optional(),
  mode: KeyPromoteMode,
});
export type PromotedKey = z.infer<typeof PromotedKey>;

export const FlowCheckArgs = z.strictObject({
  toInstanceId: InstanceId,
  /** Where to copy missing credentials from; with chatflowId, where the flow is read. */
  fromInstanceId: InstanceId.optional(),
  /** A flow as exported from Flowise (its flowData, or the whole chatflow object). */
  flowJson: z.string().max(10_000_000).optional(),
  chatflowId: FlowiseId.optional(),
});
export type FlowCheckArgs = z.infer<typeof FlowCheckArgs>;

export const CredentialRefState = z.object({
  name: z.string(),
  credentialName: z.string(),
  typeLabel: z.string(),
});

export const FlowCredentialNeed = z.object({
  id: z.string(),
  /** The labels of the nodes that name it. */
  nodes: z.array(z.string()),
  onSource: CredentialRefState.optional(),
  onTarget: CredentialRefState.optional(),
  /** present: same id and type on the target; type-differs: same id, another type; missing. */
  status: z.enum(['present', 'missing', 'type-differs']),
});
export type FlowCredentialNeed = z.infer<typeof FlowCredentialNeed>;

export const FlowCheck = z.object({
  flowName: z.string().optional(),
  from: PromoteEnd.optional(),
  to: PromoteEnd,
  needs: z.array(FlowCredentialNeed),
});
export type FlowCheck = z.infer<typeof FlowCheck>;
