// One answer to "is this URL our app?", shared by navigation, IPC and the protocol handler.
import { APP_HOST, APP_SCHEME } from '../../common/ipc/app-scheme.js';

/**
 * True only for `app://flowise-key-vault/...` with no user, password or port. Node's URL reports
 * origin "null" for custom schemes, so the parts are compared instead of `url.origin`.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
