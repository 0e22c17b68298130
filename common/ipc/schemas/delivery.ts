// Delivery targets: where a rotation puts a key's new value so the apps that use it read it from
// there. A definition never holds a key value; the value reaches a command on stdin or in an
// environment variable the person names, never in its arguments.
import { z } from 'zod';

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
