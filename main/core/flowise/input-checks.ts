// Arguments are checked before anything is sent: a bad id or name gets a clear error here rather
// than a confusing answer (often HTML or a 500) from the server.
import { AppError } from '../../../common/errors.js';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An id as a path segment: non-empty, short, no control characters; encoded by the caller. */
export function checkId(id: string, what: string): string {
  const trimmed = id.trim();
  if (trimmed === '' || trimmed.length > 200 || CONTROL.test(trimmed))
    throw new AppError('bad_request', `The ${what} id is missing or not valid.`);
  return trimmed;
}

export function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200 || CONTROL.test(trimmed))
    throw new AppError('bad_request', `The ${what} name must be 1 to 200 characters long.`);
  return trimmed;
}

export function checkPermissions(permissions: readonly string[]): string[] {
  if (permissions.length === 0)
    throw new AppError('bad_request', 'Choose at least one permission for the key.');
  // The bad value is not quoted: a pasted key must not end up in a message.
  if (permissions.some((p) => !/^[A-Za-z]+:[A-Za-z-]+$/.test(p)))
    throw new AppError(
      'bad_request',
      'A permission is not in the form category:action, e.g. apikeys:view.',
    );
  return [...new Set(permissions)];
}

export const segment = (id: string): string => encodeURIComponent(id);
