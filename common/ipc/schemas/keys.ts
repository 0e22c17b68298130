import { z } from 'zod';

import { WireError } from '../../errors.js';
import { InstanceId } from './instances.js';

const FlowiseId = z.string().min(1).max(100);
export const KeyName = z.string().trim().min(1).max(100);
export const Permission = z
  .string()
  .regex(/^[A-Za-z][\w-]*:[\w-]+$/)
  .max(100);

export const FlowType = z.enum(['CHATFLOW', 'AGENTFLOW', 'MULTIAGENT', 'ASSISTANT', 'OTHER']);
export const BoundFlow = z.object({ id: z.string(), name: z.string(), type: FlowType });
export type BoundFlow = z.infer<typeof BoundFlow>;

/** A key as the renderer sees it: never the value, only its last four and a fingerprint. */
export const KeySummary = z.object({
  id: z.string(),
  instanceId: InstanceId,
  keyName: z.string(),
  masked: z.string(),
  fingerprint: z.string(),
  /** Undefined on servers before 3.0.13, where every key has full access. */
  permissions: z.array(z.string()).optional(),
  boundFlows: z.array(BoundFlow),
  /** When this vault first saw the key; exact for keys created here. */
  firstSeenAt: z.number(),
  createdHere: z.boolean(),
  updatedAt: z.number().optional(),
  /** The vault holds a copy of the value, so it can be copied. Flowise's own list always does. */
  copyable: z.boolean(),
  /** An instance in this vault is saved with this key as its admin key (main compares the values;
   * the value never comes here). It is not deleted, nor rotated in bulk: only on its own. */
  usedByVault: z.boolean().optional(),
  /** For such a key on 3.0.13+: the permissions the app needs to manage the server that it lacks. */
  missingForVault: z.array(z.string()).optional(),
  /** True while an unfinished rotation replaces this key (its journal is neither done nor rolled
   * back); left out otherwise. */
  rotating: z.boolean().optional(),
});
export type KeySummary = z.infer<typeof KeySummary>;

export const AllKeys = z.object({
  instances: z.array(
    z.object({
      instanceId: InstanceId,
      instanceName: z.string(),
      keys: z.array(KeySummary),
      error: WireError.optional(),
    }),
  ),
});
export type AllKeys = z.infer<typeof AllKeys>;

export const PermissionGroup = z.object({
  category: z.string(),
  permissions: z.array(z.object({ key: Permission, label: z.string() })),
});
export const PermissionCatalog = z.object({
  groups: z.array(PermissionGroup),
  /** What the instance's admin key holds: the picker never offers more. */
  adminHeld: z.array(z.string()),
  /** False before 3.0.13: keys carry no permissions there. */
  supported: z.boolean(),
  /** What a key on this server may do: its own permissions (3.0.13+), everything in its
   * workspace (3.0.1–3.0.12), or everything (before 3.0.1). */
  keyAccess: z.enum(['per-key', 'workspace-owner', 'full']),
  /** The server's version, when it says. */
  version: z.string().optional(),
});
export type PermissionCatalog = z.infer<typeof PermissionCatalog>;

export const InstanceArg = z.strictObject({ instanceId: InstanceId });
export const KeyRef = z.strictObject({ instanceId: InstanceId, keyId: FlowiseId });

export const CreateKeyArgs = z.strictObject({
  instanceId: InstanceId,
  keyName: KeyName,
  permissions: z.array(Permission).max(200),
});
export type CreateKeyArgs = z.infer<typeof CreateKeyArgs>;

export const CreatedKey = z.object({
  key: KeySummary,
  /** Redeem once with keys.reveal; main refuses a second read. */
  ticket: z.string(),
});
export type CreatedKey = z.infer<typeof CreatedKey>;

export const RevealArgs = z.strictObject({ ticket: z.string().min(16).max(200) });
export const Revealed = z.object({ value: z.string() });

export const UpdateKeyArgs = KeyRef.extend({
  keyName: KeyName.optional(),
  permissions: z.array(Permission).max(200).optional(),
});
export type UpdateKeyArgs = z.infer<typeof UpdateKeyArgs>;

export const DeleteKeyArgs = KeyRef.extend({
  /** Required when flows are bound: the person typed the key's name. */
  confirmName: z.string().max(100).optional(),
});
export type DeleteKeyArgs = z.infer<typeof DeleteKeyArgs>;

export const CopyKeyArgs = KeyRef.extend({
  /** Asked for when the last unlock is older than the re-auth window. */
  password: z.string().max(1024).optional(),
});
export const Copied = z.object({ clearsAt: z.number() });

export const Chatflow = z.object({
  id: z.string(),
  instanceId: InstanceId,
  name: z.string(),
  type: FlowType,
  keyId: z.string().optional(),
  keyName: z.string().optional(),
  deployed: z.boolean(),
  updatedAt: z.number().optional(),
  /** Has no key, and the person said that is on purpose (chatflows.markPublic). */
  publicOnPurpose: z.literal(true).optional(),
});
export type Chatflow = z.infer<typeof Chatflow>;

/** A key this vault had seen on the server that the server no longer lists, and was not deleted
 * through the app. 2.x keeps keys in api.json by default and can lose them on a restart. */
export const MissingKey = z.object({
  id: z.string(),
  instanceId: InstanceId,
  keyName: z.string(),
  fingerprint: z.string(),
  /** Only when the vault holds its value. */
  masked: z.string().optional(),
  firstSeenAt: z.number(),
  /** The first listing that no longer showed it. */
  missingSince: z.number(),
  /** Flows the server still shows bound to it: they answer 401 until it is back. */
  boundFlows: z.array(BoundFlow),
  /** Why it may be gone, in words for this server's version. */
  why: z.string(),
  /** keys.reimport can put it back with its exact value and name. */
  restorable: z.boolean(),
  /** How it can be restored, or why it cannot. */
  restoreNote: z.string(),
});
export type MissingKey = z.infer<typeof MissingKey>;

/** The keys page in one answer: both come from the same two Flowise requests. */
export const KeyList = z.object({
  instanceId: InstanceId,
  keys: z.array(KeySummary),
  chatflows: z.array(Chatflow),
  fetchedAt: z.number(),
  /** Keys seen before that the server no longer lists. */
  missing: z.array(MissingKey).optional(),
});
export type KeyList = z.infer<typeof KeyList>;

export const BindArgs = z.strictObject({
  instanceId: InstanceId,
  chatflowId: FlowiseId,
  /** null = "No Authorization": the flow becomes public. */
  keyId: FlowiseId.nullable(),
});
export type BindArgs = z.infer<typeof BindArgs>;

export const BindManyArgs = z.strictObject({
  instanceId: InstanceId,
  chatflowIds: z.array(FlowiseId).min(1).max(500),
  /** Always a key: making many flows public at once is not offered. */
  keyId: FlowiseId,
});
export type BindManyArgs = z.infer<typeof BindManyArgs>;

/** Each flow's own outcome, in the order asked: one failure does not stop the others. */
export const BindManyResult = z.object({
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ chatflowId: z.string(), ok: z.literal(true), flow: Chatflow }),
      z.object({ chatflowId: z.string(), ok: z.literal(false), error: WireError }),
    ]),
  ),
});
export type BindManyResult = z.infer<typeof BindManyResult>;

export const SnippetLanguage = z.enum(['curl', 'python', 'javascript']);
export const SnippetArgs = z.strictObject({
  instanceId: InstanceId,
  chatflowId: FlowiseId,
  language: SnippetLanguage,
});
/** The snippet shows a placeholder; only the clipboard copy carries the key. */
export const Snippet = z.object({ code: z.string(), hasKey: z.boolean() });

export const ChatflowRef = z.strictObject({ instanceId: InstanceId, chatflowId: FlowiseId });
export type ChatflowRef = z.infer<typeof ChatflowRef>;

/** A flow remembered as public on purpose: the vault's "publicFlows" section. */
export const PublicFlow = z.object({
  instanceId: InstanceId,
  chatflowId: z.string(),
  name: z.string(),
  markedAt: z.number(),
});
export type PublicFlow = z.infer<typeof PublicFlow>;

export const SplitKeyArgs = KeyRef;
export const SplitResult = z.object({
  /** One per flow now on its own key; `ticket` reveals a key made by this call, once. */
  created: z.array(z.object({ flow: BoundFlow, key: KeySummary, ticket: z.string().optional() })),
  /** Flows still on the old key; running the split again finishes them. */
  failed: z.array(z.object({ flow: BoundFlow, error: WireError })),
});
export type SplitResult = z.infer<typeof SplitResult>;
