// Socket and TLS failures in words a person can act on. Only the host and the error code appear:
// never a header, a body or a URL with a path.
import { AppError } from '../../../common/errors.js';

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EHOSTDOWN']);

function tlsError(host: string, code: string): AppError | undefined {
  const details = { host, reason: code };
  if (UNTRUSTED.has(code))
    return new AppError(
      'tls',
      `The certificate of ${host} is not signed by an authority this computer trusts (${code}). ` +
        "Add the server's CA certificate to the instance (custom CA), or test the connection " +
        "and trust this server's certificate after checking its fingerprint.",
      details,
    );
  if (EXPIRED.has(code))
    return new AppError(
      'tls',
      `The certificate of ${host} is expired or not valid yet (${code}).`,
      details,
    );
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new AppError(
      'tls',
      `The certificate of ${host} was issued for another name. Check the instance address.`,
      details,
    );
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.startsWith('CERT_'))
    return new AppError('tls', `The secure connection to ${host} failed (${code}).`, details);
  return undefined;
}

export function networkError(host: string, error: NodeJS.ErrnoException): AppError {
  const code = error.code ?? '';
  const details = { host, reason: code || 'unknown' };
  const tls = tlsError(host, code);
  if (tls !== undefined) return tls;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new AppError('network', `The name ${host} could not be resolved.`, details);
  if (code === 'ECONNREFUSED')
    return new AppError(
      'network',
      `${host} refused the connection. Is Flowise running there?`,
      details,
    );
  if (RESET.has(code))
    return new AppError(
      'network',
      `The connection to ${host} was reset before the answer was complete.`,
      details,
    );
  if (UNREACHABLE.has(code))
    return new AppError('network', `${host} could not be reached (${code}).`, details);
  return new AppError(
    'network',
    `The connection to ${host} failed (${code || 'unknown error'}).`,
    details,
  );
}

export function timeoutError(host: string, timeoutMs: number): AppError {
  const seconds =
    timeoutMs < 1000 ? (timeoutMs / 1000).toFixed(1) : String(Math.round(timeoutMs / 1000));
  return new AppError('timeout', `${host} did not answer within ${seconds} s.`, {
    host,
    timeoutMs,
  });
}

export function tooLargeError(host: string, limit: number): AppError {
  return new AppError('too_large', `${host} sent a response larger than ${String(limit)} bytes.`, {
    host,
    limit,
  });
}
