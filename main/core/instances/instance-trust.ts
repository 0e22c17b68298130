// Where an instance's saved admin key may go. A change of address or of what certificate is
// trusted points the key somewhere new, so the person confirms it: by typing the key again or by
// entering the master password. Without either, nothing is sent and nothing is saved.
import { AppError } from '../../../common/errors.js';
import type { InstancePatch, InstanceReauth } from '../../../common/ipc/schemas/instances.js';
import type { InstanceRecord } from './instance-store.js';

type TrustFields = Pick<
  InstanceRecord,
  'baseUrl' | 'caCertPem' | 'certificatePin' | 'allowInsecureHttp'
>;

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl.trim()).origin;
  } catch {
    return baseUrl;
  }
}

/** What changed about where the key goes, in words; empty when nothing did. */
export function trustChanges(current: TrustFields, next: TrustFields): string[] {
  const changes: string[] = [];
  if (originOf(current.baseUrl) !== originOf(next.baseUrl)) changes.push('address');
  if (current.caCertPem !== next.caCertPem) changes.push('custom CA certificate');
  if (current.certificatePin?.sha256 !== next.certificatePin?.sha256)
    changes.push('pinned certificate');
  if (current.allowInsecureHttp !== next.allowInsecureHttp) changes.push('plain HTTP setting');
  return changes;
}

function listed(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

/**
 * Passes when nothing about where the key goes changed, when a key was typed with the change, or
 * when the master password is right; throws before any request otherwise.
 */
export async function confirmTrustChange(
  changes: string[],
  patch: InstancePatch,
  reauth: InstanceReauth | undefined,
  verifyPassword: (password: string) => Promise<void>,
): Promise<void> {
  if (changes.length === 0 || patch.adminKey !== undefined) return;
  if (reauth === undefined)
    throw new AppError(
      'reauth_required',
      `The ${listed(changes)} changed, so the saved admin key is not sent until you confirm: ` +
        'type the admin API key again, or enter the master password.',
      { changed: changes.join(', ') },
    );
  await verifyPassword(reauth.password);
}

/** A profile saved under the old "accept any certificate" switch, with no certificate pinned. */
export function unconfirmedError(baseUrl: string): AppError {
  const host = originOf(baseUrl).replace(/^https?:\/\//, '');
  return new AppError(
    'tls',
    `${host} was saved to accept any certificate, which is no longer allowed. Confirm this ` +
      "server's certificate: edit the instance, press Test connection, check the fingerprint " +
      'and trust it. Until then no request is sent.',
    { host, reason: 'CERT_UNCONFIRMED' },
  );
}
