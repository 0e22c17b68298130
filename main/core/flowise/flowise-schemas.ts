// The shapes Flowise answers with, as far as this app reads them. Unknown fields are dropped (the
// key rows' `apiSecret` hash among them); fields that only some versions send are optional.
import { z } from 'zod';

const Text = z.string();
const OptionalDate = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** A list of strings, checked in place: a key row's permissions are dozens of strings, and a
 * list of every key would otherwise be copied string by string (strings have no fields to drop). */
const TextList = z.custom<string[]>(
  (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
);

/** One API key. `apiKey` is the plaintext value: it stays in main and is masked before leaving. */
export const ApiKeyRow = z.object({
  id: Text.min(1),
  keyName: Text,
  apiKey: Text.min(1),
  /** 3.0.13+ only; older keys can do everything. */
  permissions: TextList.optional(),
  /** 3.0.1+ only. */
  workspaceId: Text.optional(),
  updatedDate: OptionalDate,
  /** 1.x/2.x json storage, e.g. "22-Nov-26". */
  createdAt: OptionalDate,
  chatFlows: z
    .array(z.object({ flowName: Text, category: Text.nullish(), updatedDate: OptionalDate }))
    .default([]),
});
export type ApiKeyRow = z.infer<typeof ApiKeyRow>;
export const ApiKeyList = z.array(ApiKeyRow);

/** TypeORM's DeleteResult; 2.x answers DELETE /apikey with the remaining list instead. */
export const DeleteResult = z.object({ affected: z.number().nullish() });
export const KeyDeleteAnswer = z.union([ApiKeyList, DeleteResult]);

export const PermissionCatalog = z.record(
  Text,
  z.array(
    z.object({
      key: Text,
      value: Text,
      isOpenSource: z.boolean().default(true),
      isEnterprise: z.boolean().default(true),
      isCloud: z.boolean().default(true),
    }),
  ),
);

export const ChatflowRow = z.object({
  id: Text.min(1),
  name: Text,
  type: Text.nullish().transform((v) => v ?? 'CHATFLOW'),
  /** "" and null both mean "No Authorization". */
  apikeyid: Text.nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v)),
  workspaceId: Text.nullish().transform((v) => v ?? undefined),
  deployed: z.boolean().nullish(),
  isPublic: z.boolean().nullish(),
  category: Text.nullish(),
  flowData: Text.optional(),
  createdDate: OptionalDate,
  updatedDate: OptionalDate,
});
export type ChatflowRow = z.infer<typeof ChatflowRow>;
export const ChatflowList = z.array(ChatflowRow);

export const CredentialRow = z.object({
  id: Text.min(1),
  name: Text,
  credentialName: Text,
  workspaceId: Text.nullish().transform((v) => v ?? undefined),
  /** Shared into this workspace from another: usable, not editable. */
  shared: z.boolean().optional(),
  createdDate: OptionalDate,
  updatedDate: OptionalDate,
});
export type CredentialRow = z.infer<typeof CredentialRow>;
export const CredentialList = z.array(CredentialRow);

/** Password fields hold CREDENTIAL_PLACEHOLDER; url fields have their password part masked. */
export const CredentialDetail = CredentialRow.extend({
  plainDataObj: z.record(Text, z.unknown()).default({}),
});
export type CredentialDetail = z.infer<typeof CredentialDetail>;

/** GET /credentials/:id/reveal (3.1.3+): url fields in clear, the rest as the placeholder. */
export const RevealAnswer = z.object({ plainDataObj: z.record(Text, z.unknown()).default({}) });

const InputOption = z.object({ label: Text, name: Text, description: Text.optional() });
export const CredentialInput = z.object({
  label: Text,
  name: Text,
  type: Text,
  optional: z.boolean().optional(),
  default: z.unknown().optional(),
  placeholder: Text.optional(),
  description: Text.optional(),
  options: z.array(InputOption).optional(),
  rows: z.number().optional(),
  hidden: z.boolean().optional(),
  additionalParams: z.boolean().optional(),
});
export const CredentialType = z.object({
  label: Text,
  name: Text,
  version: z.number().optional(),
  description: Text.optional(),
  optional: z.boolean().optional(),
  inputs: z.array(CredentialInput).default([]),
});
export type CredentialType = z.infer<typeof CredentialType>;
export const CredentialTypeList = z.array(CredentialType);

export const VersionAnswer = z.object({ version: Text });
export const SettingsAnswer = z.object({ PLATFORM_TYPE: Text.optional() });

export const PredictionAnswer = z.object({
  text: z.unknown().optional(),
  chatId: Text.optional(),
  chatMessageId: Text.optional(),
});
