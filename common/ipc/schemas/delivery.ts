// Delivery targets: where a rotation puts a key's new value so the apps that use it read it from
// there. A definition never holds a key value; the value reaches a command on stdin or in an
// environment variable the person names, never in its arguments.
import { z } from 'zod';

import { InstanceId } from './instances.js';

/** A variable name as dotenv reads one (and as a shell exports one). */
export const EnvVarName = z.string().regex(/^[\w.-]{1,128}$/);

// NUL cannot pass through exec; a line break in an executable name is never intended.
const Executable = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^\0\r\n]+$/);
const Arg = z
  .string()
  .max(4096)
  .regex(/^[^\0]*$/);

/** One program run without a shell: the executable (found on PATH unless a path) and its args. */
export const CommandStep = z.strictObject({
  executable: Executable,
  args: z.array(Arg).max(64),
});
export type CommandStep = z.infer<typeof CommandStep>;

/** How the new key reaches the first step: on its stdin, or in an environment variable. */
export const KeyInput = z.discriminatedUnion('via', [
  z.strictObject({ via: z.literal('stdin') }),
  z.strictObject({ via: z.literal('env'), name: EnvVarName }),
]);
export type KeyInput = z.infer<typeof KeyInput>;

/**
 * Steps run as a pipeline: each step's stdout feeds the next step's stdin, as `a | b` would,
 * without a shell. The key reaches the first step only. Success means every step exited 0.
 */
export const CommandPipeline = z.strictObject({
  steps: z.array(CommandStep).min(1).max(4),
  key: KeyInput,
  timeoutSeconds: z.number().int().min(1).max(600),
});
export type CommandPipeline = z.infer<typeof CommandPipeline>;

/** A `.env` file: the path (absolute) and the variable the apps read the key from. */
export const EnvFileTarget = z.strictObject({
  kind: z.literal('env-file'),
  path: z
    .string()
    .min(2)
    .max(4096)
    .regex(/^(\/|[A-Za-z]:[\\/])[^\0]*$/, 'an absolute path'),
  name: EnvVarName,
  /** The previous version is kept as `<path><suffix>`; `.bak` unless chosen. */
  backupSuffix: z
    .string()
    .regex(/^[\w.~-]{1,32}$/)
    .optional(),
});
export type EnvFileTarget = z.infer<typeof EnvFileTarget>;

export const CommandTarget = z.strictObject({
  kind: z.literal('command'),
  run: CommandPipeline,
  /** Safe to run twice with the same key: a resume may then deliver again. */
  idempotent: z.boolean(),
  /** Run on rollback, with the old key as its input (the new one is about to be deleted). */
  rollback: CommandPipeline.optional(),
});
export type CommandTarget = z.infer<typeof CommandTarget>;

const HttpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) address');

/**
 * Proof that a consumer works with the new key, run after delivery and before revoke: a request
 * sent with the new key as Bearer, only to the origin saved here (the saved check is the
 * allow-list), or a command whose exit code 0 says so.
 */
export const DeliveryCheck = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('http'),
    method: z.enum(['GET', 'POST']),
    url: HttpUrl,
    expectStatus: z.number().int().min(100).max(599),
  }),
  z.strictObject({ kind: z.literal('command'), run: CommandPipeline }),
]);
export type DeliveryCheck = z.infer<typeof DeliveryCheck>;

export const TargetDraft = z.strictObject({
  label: z.string().trim().min(1).max(100),
  target: z.discriminatedUnion('kind', [EnvFileTarget, CommandTarget]),
  check: DeliveryCheck.optional(),
});
export type TargetDraft = z.infer<typeof TargetDraft>;

export const TargetId = z.string().regex(/^[a-f0-9]{12}$/);

export const DeliveryTarget = TargetDraft.extend({ id: TargetId });
export type DeliveryTarget = z.infer<typeof DeliveryTarget>;

const FlowiseKeyId = z.string().min(1).max(100);
export const KeyTargetsArgs = z.strictObject({ instanceId: InstanceId, keyId: FlowiseKeyId });
export type KeyTargetsArgs = z.infer<typeof KeyTargetsArgs>;

const Password = z.string().min(1).max(1024);

export const AddTargetArgs = KeyTargetsArgs.extend({ draft: TargetDraft, password: Password });
export type AddTargetArgs = z.infer<typeof AddTargetArgs>;

export const UpdateTargetArgs = KeyTargetsArgs.extend({
  targetId: TargetId,
  draft: TargetDraft,
  password: Password,
});
export type UpdateTargetArgs = z.infer<typeof UpdateTargetArgs>;

export const RemoveTargetArgs = KeyTargetsArgs.extend({ targetId: TargetId });
export type RemoveTargetArgs = z.infer<typeof RemoveTargetArgs>;

export const KeyTargets = z.object({ targets: z.array(DeliveryTarget) });
export type KeyTargets = z.infer<typeof KeyTargets>;
