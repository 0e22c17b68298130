// Errors of the credential features: what a 403 on reading a credential means, and a last guard
// that no value typed for a credential is ever quoted back in an error.
import { AppError, isAppError } from '../../../common/errors.js';

/** GET /credentials/:id needs more than view since Flowise 3.1.3; say so instead of a bare 403. */
export function explainReadRefusal(error: unknown, instanceName: string): unknown {
  if (!isAppError(error, 'forbidden')) return error;
  const route = String(error.details?.route ?? '');
  if (!/^GET \/credentials\/[^/]+$/.test(route)) return error;
  return new AppError(
    'forbidden',
    `The API key of "${instanceName}" can list credentials but not open one. Since Flowise 3.1.3, ` +
      'opening a credential to edit it needs credentials:create or credentials:update; ' +
      'credentials:view alone is refused (403). Give the key credentials:update, or use a key that has it.',
    { ...error.details, permission: 'credentials:create,credentials:update' },
  );
}

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a value that contains another is cut out whole.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of ordered) if (secret !== '') out = out.split(secret).join('••••');
  return out;
}

/** The same error with every given value cut out of its message and details. */
export function scrubbed(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof AppError) || secrets.length === 0) return error;
  const message = scrubText(error.message, secrets);
  const details =
    error.details === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(error.details).map(([k, v]) => [
            k,
            typeof v === 'string' ? scrubText(v, secrets) : v,
          ]),
        );
  if (message === error.message && JSON.stringify(details) === JSON.stringify(error.details))
    return error;
  return new AppError(error.code, message, details);
}

/** The typed values worth scrubbing; shorter ones would cut ordinary words out of messages. */
export function valuesToScrub(data: Record<string, unknown>): string[] {
  return Object.values(data).flatMap((value) =>
    typeof value === 'string' && value.length >= 4 ? [value] : [],
  );
}

export function sharedRefusal(name: string): AppError {
  return new AppError(
    'forbidden',
    `"${name}" is shared into this workspace from another one: it can be used here, but only its ` +
      'own workspace can change or delete it.',
  );
}
