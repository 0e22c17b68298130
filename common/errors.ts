// The one error type that crosses the IPC boundary. Messages are written for people and must never
// carry a secret: callers pass only names, ids and paths.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_request',
  'internal',
  'not_found',
  'vault_missing',
  'vault_exists',
  /** No vault file, but earlier generations of one remain next to it. */
  'vault_leftovers',
  'vault_locked',
  'wrong_password',
  /** Unlocks wait after several wrong master passwords; details.retryAt says until when. */
  'too_many_attempts',
  'weak_password',
  'vault_corrupt',
  'vault_tampered',
  'vault_rollback',
  'vault_newer_version',
  'no_backup',
  'keychain_unavailable',
  'keychain_failed',
  'reauth_required',
  'unauthorized',
  'forbidden',
  'precondition_failed',
  'server_error',
  'not_flowise',
  'network',
  'timeout',
  'tls',
  'too_large',
  'conflict',
  /** A .fkvbak that cannot be used: damaged, cut short, newer, not a backup; details.reason. */
  'backup_invalid',
  /** The passphrase does not open the backup (or its key wrap was changed). */
  'backup_wrong_passphrase',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type ErrorDetails = z.infer<typeof ErrorDetails>;

export const WireError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: ErrorDetails.optional(),
});
export type WireError = z.infer<typeof WireError>;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(wire: WireError): AppError {
    return new AppError(wire.code, wire.message, wire.details);
  }
}

export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}

/** Anything that is not an AppError becomes a generic message: raw errors may quote secrets. */
export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return error.toWire();
  return { code: 'internal', message: 'Something went wrong inside the app. Nothing was changed.' };
}
