// Where a Flowise client may send an admin key: the instance's own origin only, over HTTPS unless the
// host is loopback (traffic never leaves the machine) or the person allowed plain HTTP for it.
import { isIP } from 'node:net';

import { AppError } from '../../../common/errors.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The server's root path: no trailing slash, nor the /api or /api/v1 people paste from docs. */
export function stripApiSuffix(pathname: string): string {
  return pathname.replace(/\/+$/, '').replace(/\/api(?:\/v1)?$/i, '');
}

/** Parses and checks an instance address; the result has no trailing slash in its path. */
export function instanceBase(baseUrl: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new AppError('bad_request', 'The instance address is not a valid URL.');
  }
  const host = url.host;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('bad_request', `The address of ${host} must start with https://.`, {
      host,
    });
  if (url.username !== '' || url.password !== '')
    throw new AppError(
      'bad_request',
      `The address of ${host} contains a user name or password. Remove it: the API key is the only credential sent.`,
      { host },
    );
  if (url.search !== '' || url.hash !== '')
    throw new AppError(
      'bad_request',
      `The address of ${host} has a query or fragment. Use the server's root address only.`,
      { host },
    );
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname))
    throw new AppError(
      'bad_request',
      `${host} is reached over plain http, which would send the API key unencrypted. Use https, ` +
        'or allow insecure http for this instance if the network is trusted.',
      { host },
    );
  url.pathname = stripApiSuffix(url.pathname);
  return url;
}
