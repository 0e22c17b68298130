// Credentials as the renderer sees them. A secret field is only ever `{ kind: 'secret', set }`: no
// value and no placeholder crosses back. Secrets the person types travel one way, renderer → main.
import { z } from 'zod';

import { WireError } from '../../errors.js';
import { InstanceId } from './instances.js';
import { BoundFlow } from './keys.js';

const FlowiseId = z.string().trim().min(1).max(100);
const TypeName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'A credential type name has only letters, digits, - and _.');
const FieldName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/);
const CredentialName = z.string().trim().min(1).max(200);
const MAX_FIELDS = 100;

/** What a person may type into one field. Long enough for a pasted service-account JSON. */
export const FieldInput = z.union([z.string().max(100_000), z.number(), z.boolean()]);
export type FieldInput = z.infer<typeof FieldInput>;

export const FieldMap = z
  .record(FieldName, FieldInput)
  .refine((map) => Object.keys(map).length <= MAX_FIELDS, 'Too many fields.');

export const InputType = z.enum([
  'password',
  'string',
  'url',
  'options',
  'boolean',
  'number',
  'json',
  /** A type this app does not know; edited as text. */
  'other',
]);
export type InputType = z.infer<typeof InputType>;

export const CredentialTypeInput = z.object({
  label: z.string(),
  name: z.string(),
  type: InputType,
  /** Shown only as `{ kind: 'secret' }`; password inputs, and text inputs named like one. */
  secret: z.boolean(),
  optional: z.boolean(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().optional(),
  placeholder: z.string().optional(),
  options: z
    .array(z.object({ label: z.string(), name: z.string(), description: z.string().optional() }))
    .optional(),
  rows: z.number().optional(),
  hidden: z.boolean().optional(),
});
export type CredentialTypeInput = z.infer<typeof CredentialTypeInput>;

export const DocLink = z.object({ label: z.string(), url: z.string() });

export const CredentialTypeEntry = z.object({
  name: z.string(),
  label: z.string(),
  /** Flowise's HTML description as plain text; its links are in `links`. */
  description: z.string().optional(),
  links: z.array(DocLink),
  inputs: z.array(CredentialTypeInput),
});
export type CredentialTypeEntry = z.infer<typeof CredentialTypeEntry>;

export const CredentialTypesArgs = z.strictObject({
  instanceId: InstanceId,
  /** Words matched against the label and the name; all must match. */
  query: z.string().max(200).optional(),
});
export type CredentialTypesArgs = z.infer<typeof CredentialTypesArgs>;

export const CredentialTypeCatalog = z.object({
  types: z.array(CredentialTypeEntry),
  /** How many types the server has, before the search. */
  total: z.number(),
});
export type CredentialTypeCatalog = z.infer<typeof CredentialTypeCatalog>;

/** Whether the flows using each credential could be found (it needs chatflows:view). */
export const UsageStatus = z.object({ checked: z.boolean(), error: WireError.optional() });
export type UsageStatus = z.infer<typeof UsageStatus>;

export const CredentialSummary = z.object({
  id: z.string(),
  instanceId: InstanceId,
  name: z.string(),
  /** The type's name, e.g. openAIApi. */
  credentialName: z.string(),
  /** The type's label, e.g. "OpenAI API"; the name when the server does not know the type. */
  typeLabel: z.string(),
  createdAt: z.number().optional(),
  updatedAt: z.number().optional(),
  /** Shared into this workspace from another: usable, not editable here. */
  shared: z.boolean(),
  usedBy: z.array(BoundFlow),
});
export type CredentialSummary = z.infer<typeof CredentialSummary>;

export const CredentialList = z.object({
  instanceId: InstanceId,
  credentials: z.array(CredentialSummary),
  usage: UsageStatus,
  fetchedAt: z.number(),
});
export type CredentialList = z.infer<typeof CredentialList>;

export const FieldValue = z.discriminatedUnion('kind', [
  /** A secret: whether one is stored, never what it is. */
  z.object({ kind: z.literal('secret'), set: z.boolean() }),
  z.object({ kind: z.literal('value'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  /** A url whose password part is hidden, e.g. postgresql://app:••••••@db/app. */
  z.object({ kind: z.literal('masked'), display: z.string() }),
]);
export type FieldValue = z.infer<typeof FieldValue>;

export const CredentialForEdit = CredentialSummary.extend({
  /** Undefined when the server no longer knows the type: every field then counts as secret. */
  type: CredentialTypeEntry.optional(),
  /** By input name; inputs with nothing stored are absent. */
  fields: z.record(z.string(), FieldValue),
  usage: UsageStatus,
});
export type CredentialForEdit = z.infer<typeof CredentialForEdit>;

export const CredentialRef = z.strictObject({ instanceId: InstanceId, id: FlowiseId });
export type CredentialRef = z.infer<typeof CredentialRef>;

export const CreateCredentialArgs = z.strictObject({
  instanceId: InstanceId,
  /** The type's name, e.g. openAIApi. */
  credentialName: TypeName,
  name: CredentialName,
  /** By input name. Missing inputs that have a default get it, as in Flowise's own form. */
  data: FieldMap,
});
export type CreateCredentialArgs = z.infer<typeof CreateCredentialArgs>;

export const UpdateCredentialArgs = CredentialRef.extend({
  name: CredentialName.optional(),
  /** Only the fields the person changed. Anything left out keeps its stored value, secrets too. */
  changes: FieldMap.optional(),
});
export type UpdateCredentialArgs = z.infer<typeof UpdateCredentialArgs>;

export const RotatePlanArgs = CredentialRef.extend({ field: FieldName });
export type RotatePlanArgs = z.infer<typeof RotatePlanArgs>;

export const RotationPlan = z.object({
  credential: CredentialSummary,
  field: z.object({ name: z.string(), label: z.string(), set: z.boolean() }),
  usage: UsageStatus,
});
export type RotationPlan = z.infer<typeof RotationPlan>;

export const RotateSecretArgs = RotatePlanArgs.extend({
  value: z.string().min(1).max(100_000),
  /** The flows the person saw in the plan; a flow that started using it since is a conflict. */
  reviewedFlowIds: z.array(FlowiseId).max(10_000),
});
export type RotateSecretArgs = z.infer<typeof RotateSecretArgs>;

export const DeleteCredentialArgs = CredentialRef.extend({
  /** Required when flows use it (or usage cannot be checked): the person typed its name. */
  confirmName: z.string().max(200).optional(),
});
export type DeleteCredentialArgs = z.infer<typeof DeleteCredentialArgs>;
