// fkv's exit codes, the one table scripts rely on: --help prints it and README quotes it.
import { isAppError } from '../../common/errors.js';
import type { ErrorCode } from '../../common/errors.js';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  locked: 3,
  unreachable: 4,
  attention: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  ok
  1  failure (the message on stderr says what and why)
  2  usage error (unknown command or option, a missing confirmation without --yes)
  3  wrong password, or the vault stays locked (no password given, too many attempts)
  4  a Flowise server could not be reached (network, timeout, TLS)
  5  a rotation needs attention (a step failed, or rotations are unfinished)`;

/** A mistake in how fkv was called; told before anything is changed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A rotation stopped at a step that failed, or waits for the person. The view was printed. */
export class AttentionError extends Error {
  override readonly name = 'AttentionError';
}

const LOCKED: readonly ErrorCode[] = [
  'wrong_password',
  'too_many_attempts',
  'vault_locked',
  'reauth_required',
];
const UNREACHABLE: readonly ErrorCode[] = ['network', 'timeout', 'tls'];

export function exitCodeOfWire(code: ErrorCode): ExitCode {
  if (LOCKED.includes(code)) return EXIT.locked;
  if (UNREACHABLE.includes(code)) return EXIT.unreachable;
  if (code === 'bad_request') return EXIT.usage;
  return EXIT.failure;
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof AttentionError) return EXIT.attention;
  if (isAppError(error)) return exitCodeOfWire(error.code);
  return EXIT.failure;
}

/** What stderr says: an AppError's or our own message (written never to hold a secret); anything
 * else only by kind, since a raw error may quote a request or a value. */
export function messageOf(error: unknown): string {
  if (error instanceof UsageError || error instanceof AttentionError) return error.message;
  if (isAppError(error)) return error.message;
  const kind = error instanceof Error ? ` (${error.name})` : '';
  return `Something went wrong inside fkv${kind}.`;
}
