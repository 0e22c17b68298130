// Certificate pinning, trust on first use: a certificate the person confirmed by its SHA-256
// fingerprint. The TLS socket is opened here and compared with the pin before anything of the HTTP
// request exists, so a server with another certificate never sees a header. Node's own
// checkServerIdentity cannot do this: it runs only when the chain already verified.
import { isIP } from 'node:net';
import type {
  ConnectionOptions,
  PeerCertificate as NodePeerCertificate,
  TLSSocket,
} from 'node:tls';
import { connect, rootCertificates } from 'node:tls';

import { AppError } from '../../../common/errors.js';
import type { CertificateProbe, PeerCertificate } from '../ports.js';
import { networkError, timeoutError } from './node-errors.js';

/** Upper-case hex pairs joined by colons, whatever separators or case came in. */
export function normaliseFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return (hex.match(/.{1,2}/g) ?? []).join(':');
}

function socketOptions(url: URL, ca: string | undefined): ConnectionOptions {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return {
    host: hostname,
    port: url.port === '' ? 443 : Number(url.port),
    // SNI carries names only; Node refuses an IP address there.
    ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
    // Verification is ours: the pin (or, for a probe, the report of `authorized`).
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
    ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }),
  };
}

function names(entry: NodePeerCertificate['subject'] | undefined): string {
  if (entry === undefined) return '';
  return Object.entries(entry)
    .map(([field, value]) => `${field}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export function describeCertificate(cert: NodePeerCertificate): PeerCertificate {
  return {
    sha256: normaliseFingerprint(cert.fingerprint256),
    subject: names(cert.subject),
    issuer: names(cert.issuer),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
  };
}

export function pinMismatchError(host: string, pinned: string, presented: string): AppError {
  return new AppError(
    'tls',
    `The certificate of ${host} is not the one you trusted: pinned ${pinned}, presented ` +
      `${presented}. Nothing was sent. If the server's certificate was renewed, check the new ` +
      'fingerprint and re-pin it; otherwise someone may be posing as the server.',
    { host, reason: 'CERT_PIN_MISMATCH', pinned, presented },
  );
}

/** Completes a TLS handshake and hands the socket over once `accept` passed; destroys it if not. */
function handshake<T>(
  url: URL,
  ca: string | undefined,
  timeoutMs: number,
  accept: (socket: TLSSocket) => T,
): Promise<T> {
  const host = url.host;
  return new Promise((resolve, reject) => {
    const socket = connect(socketOptions(url, ca));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError(host, timeoutMs));
    }, timeoutMs);
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(networkError(host, error));
    };
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      try {
        resolve(accept(socket));
      } catch (error) {
        socket.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** A socket to `url` whose certificate is the pinned one; any other is refused here. */
export function connectPinned(url: URL, pin: string, timeoutMs: number): Promise<TLSSocket> {
  return handshake(url, undefined, timeoutMs, (socket) => {
    const presented = normaliseFingerprint(socket.getPeerCertificate().fingerprint256);
    const pinned = normaliseFingerprint(pin);
    if (presented !== pinned) throw pinMismatchError(url.host, pinned, presented);
    return socket;
  });
}

/** What certificate the server presents and whether this computer trusts it; no request is sent. */
export function probeCertificate(target: {
  url: string;
  ca?: string;
  timeoutMs: number;
}): Promise<CertificateProbe> {
  const url = new URL(target.url);
  if (url.protocol !== 'https:')
    return Promise.reject(
      new AppError('bad_request', `${url.host} is not an https address; it has no certificate.`),
    );
  return handshake(url, target.ca, target.timeoutMs, (socket) => {
    const certificate = describeCertificate(socket.getPeerCertificate());
    const reason = socket.authorized ? undefined : String(socket.authorizationError);
    socket.destroy();
    return {
      trusted: socket.authorized,
      ...(reason === undefined ? {} : { reason }),
      certificate,
    };
  });
}
