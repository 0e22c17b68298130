// One target's delivery, its undo and its check, as the rotation's deliver step runs them. Every
// result is words for people plus scrubbed output: a value never leaves through a result.
import { isAppError } from '../../../common/errors.js';
import type {
  CommandPipeline,
  DeliveryCheck,
  DeliveryTarget,
} from '../../../common/ipc/schemas/delivery.js';
import type {
  CommandConfirmPort,
  CommandConfirmRequest,
  CommandPort,
  HttpPort,
  TargetFilePort,
} from '../ports.js';
import type { CommandOutcome } from './command-target.js';
import {
  keyInputWords,
  notRun,
  refusedPipeline,
  runCommandTarget,
  scrubSecret,
} from './command-target.js';
import { deliverToEnvFile, restoreEnvFile } from './env-target.js';

/** The host's delivery ports, as createCore receives them. */
export interface HostDeliveryPorts {
  files: TargetFilePort;
  commands: CommandPort;
  http: HttpPort;
  confirm: CommandConfirmPort;
}

/** A run as confirmed, less what names its rotation and target (the deliver step adds those). */
export type CommandRunShown = Omit<
  CommandConfirmRequest,
  'instanceName' | 'keyName' | 'targetLabel'
>;

/** The ports one target's delivery, undo and check use; `confirm` knows which target it is. */
export interface DeliveryPorts {
  files: TargetFilePort;
  commands: CommandPort;
  http: HttpPort;
  /** Asked right before each command run; nothing runs unless it resolves true. */
  confirm(run: CommandRunShown): Promise<boolean>;
}

export interface DeliveryResult {
  ok: boolean;
  /** What happened, for people. */
  words: string;
  /** A command's stdout and stderr, the key replaced. */
  output?: string;
}

/** Kept with a result; enough to see why a tool failed. */
const MAX_OUTPUT_CHARS = 4000;
const CHECK_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An error's message for people; anything that is not an AppError may quote what it touched. */
function failure(error: unknown, secret: string): DeliveryResult {
  const words = isAppError(error) ? scrubSecret(error.message, secret) : 'it failed unexpectedly.';
  return { ok: false, words };
}

function fromCommand(outcome: CommandOutcome, success: string): DeliveryResult {
  const output = [outcome.stdout, outcome.stderr].filter((s) => s !== '').join('\n');
  return {
    ok: outcome.ok,
    words: outcome.problem ?? success,
    ...(output === '' ? {} : { output: output.slice(0, MAX_OUTPUT_CHARS) }),
  };
}

export const DECLINED = 'It was not confirmed, so it did not run.';

/** Every command run goes through here: refused with the key in its argv, then confirmed. */
async function confirmedRun(
  ports: DeliveryPorts,
  purpose: CommandRunShown['purpose'],
  pipeline: CommandPipeline,
  secret: string,
): Promise<CommandOutcome> {
  const refused = refusedPipeline(pipeline, secret);
  if (refused !== undefined) return notRun(refused);
  const allowed = await ports.confirm({
    purpose,
    steps: pipeline.steps,
    cwd: ports.commands.cwd,
    keyInput: keyInputWords(pipeline.key),
    timeoutSeconds: pipeline.timeoutSeconds,
  });
  if (!allowed) return notRun(DECLINED);
  return runCommandTarget(ports.commands, pipeline, secret);
}

const ENV_WORDS = {
  updated: 'updated',
  appended: 'added at the end',
  unchanged: 'already held the new key',
} as const;

export async function deliverTo(
  ports: DeliveryPorts,
  target: DeliveryTarget['target'],
  value: string,
): Promise<DeliveryResult> {
  try {
    if (target.kind === 'env-file') {
      const done = await deliverToEnvFile(ports.files, target, value);
      return { ok: true, words: `${target.name} in ${target.path}: ${ENV_WORDS[done]}.` };
    }
    const outcome = await confirmedRun(ports, 'deliver', target.run, value);
    return fromCommand(outcome, 'The command succeeded.');
  } catch (error) {
    return failure(error, value);
  }
}

/**
 * Puts a target back as it was before the rotation: a `.env` file from its backup; a command
 * target runs its rollback command with the old key, or is left alone when it has none.
 */
export async function undoDelivery(
  ports: DeliveryPorts,
  target: DeliveryTarget['target'],
  oldValue: string,
): Promise<DeliveryResult> {
  try {
    if (target.kind === 'env-file') {
      await restoreEnvFile(ports.files, target);
      return { ok: true, words: `${target.path} restored from its backup.` };
    }
    if (target.rollback === undefined) {
      return { ok: true, words: 'No rollback command: the target was left as it is.' };
    }
    const outcome = await confirmedRun(ports, 'rollback', target.rollback, oldValue);
    return fromCommand(outcome, 'The rollback command succeeded.');
  } catch (error) {
    return failure(error, oldValue);
  }
}

/** Plain http carries the key in the clear, so only to this computer. */
function refusedAddress(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The check address is not a valid URL.';
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'The check address may not hold a user name or password.';
  }
  if (parsed.protocol === 'http:' && !LOOPBACK.has(parsed.hostname)) {
    return `The check would send the key without encryption to ${parsed.host}; use https, or a loopback address.`;
  }
  return undefined;
}

/** Proves the consumer works with the new key, before the old one is revoked. */
export async function runCheck(
  ports: DeliveryPorts,
  check: DeliveryCheck,
  value: string,
): Promise<DeliveryResult> {
  if (check.kind === 'command') {
    const outcome = await confirmedRun(ports, 'check', check.run, value);
    return fromCommand(outcome, 'The check command exited with code 0.');
  }
  const refused = refusedAddress(check.url);
  if (refused !== undefined) return { ok: false, words: refused };
  // Only to the address saved with the check (the saved check is the allow-list), and the port
  // follows no redirect, so the key reaches no other origin.
  try {
    const response = await ports.http.request({
      method: check.method,
      url: check.url,
      headers: { authorization: `Bearer ${value}` },
      timeoutMs: CHECK_TIMEOUT_MS,
      maxBodyBytes: 64 * 1024,
    });
    const origin = new URL(check.url).origin;
    return response.status === check.expectStatus
      ? { ok: true, words: `${origin} answered ${String(response.status)} as expected.` }
      : {
          ok: false,
          words: `${origin} answered ${String(response.status)}, not ${String(check.expectStatus)}.`,
        };
  } catch (error) {
    return failure(error, value);
  }
}

/** Each target that would make a revoke unsafe now, in words; empty when revoke may go ahead. */
export function revokeBlockers(
  deliveries: readonly { label: string; delivered?: boolean; checked?: boolean }[],
): string[] {
  return deliveries.flatMap((d) => {
    if (d.delivered !== true) return [`"${d.label}" did not receive the new key`];
    if (d.checked === false) return [`the check of "${d.label}" failed`];
    return [];
  });
}
