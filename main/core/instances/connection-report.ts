// Runs a connection test and phrases the outcome for people.
import { AppError, toWireError } from '../../../common/errors.js';
import type { ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import type { FlowiseGeneration } from '../flowise/generation.js';
import type { CertificateProbe } from '../ports.js';
import { missingForVault } from './admin-needs.js';
import { describePermissions } from './describe-permissions.js';

export interface ConnectionDescription {
  version: string;
  platform: 'open source' | 'enterprise' | 'cloud' | 'unknown';
  generation: FlowiseGeneration;
  workspaceId?: string | undefined;
  keyRow?: { id: string; keyName: string; permissions?: string[] | undefined } | undefined;
}

export interface ConnectionProfile {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  tls?: { ca?: string; pin?: string };
  /** Plain http to a host that is not loopback. */
  allowInsecureHttp?: boolean;
}

export type Connect = (profile: ConnectionProfile) => {
  describe(): Promise<ConnectionDescription>;
};

/** A TLS handshake only: the certificate an https address presents, with no request sent. */
export type Probe = (target: {
  url: string;
  ca?: string;
  timeoutMs: number;
}) => Promise<CertificateProbe>;

/** What a failed TLS test shows so the person can decide to trust (or re-pin) the certificate. */
export async function certificateFinding(
  probe: Probe | undefined,
  profile: Pick<ConnectionProfile, 'baseUrl' | 'timeoutMs' | 'tls'>,
  error: unknown,
): Promise<ConnectionReport['certificate']> {
  if (probe === undefined || !(error instanceof AppError) || error.code !== 'tls') return undefined;
  if (!profile.baseUrl.startsWith('https:')) return undefined;
  const reason = error.details?.reason;
  try {
    const found = await probe({
      url: profile.baseUrl,
      timeoutMs: profile.timeoutMs,
      ...(profile.tls?.ca === undefined ? {} : { ca: profile.tls.ca }),
    });
    const pinned = error.details?.pinned;
    if (reason === 'CERT_PIN_MISMATCH' && typeof pinned === 'string')
      return { problem: 'changed', presented: found.certificate, pinned };
    if (reason === 'CERT_UNCONFIRMED')
      return { problem: 'unconfirmed', presented: found.certificate };
    return found.trusted ? undefined : { problem: 'untrusted', presented: found.certificate };
  } catch {
    // The certificate cannot be shown; the report still says what failed.
    return undefined;
  }
}

/** On 3.0.13+, what the key lacks of what the app needs; a key that cannot list keys lacks at
 * least apikeys:view, and what else is unknown, as the summary says. */
function missingOf(found: ConnectionDescription): string[] {
  if (found.generation !== '3.0.13+') return [];
  if (found.keyRow === undefined) return ['apikeys:view'];
  return missingForVault(found.keyRow.permissions ?? []);
}

function keySentence(found: ConnectionDescription): string {
  if (found.keyRow === undefined) {
    return 'This key cannot list API keys, so what else it may do is unknown.';
  }
  return describePermissions(
    found.generation === '3.0.13+' ? (found.keyRow.permissions ?? []) : undefined,
  );
}

export async function testConnection(
  connect: Connect,
  /** A function when the profile itself cannot be used (an unconfirmed certificate, say). */
  profile: ConnectionProfile | (() => ConnectionProfile),
  now: number,
  probe?: Probe,
  /** What the certificate finding needs when `profile` throws. */
  target?: Pick<ConnectionProfile, 'baseUrl' | 'timeoutMs' | 'tls'>,
): Promise<ConnectionReport> {
  try {
    const found = await connect(typeof profile === 'function' ? profile() : profile).describe();
    const platform = found.platform === 'unknown' ? 'platform unknown' : found.platform;
    const missing = missingOf(found);
    return {
      ok: true,
      checkedAt: now,
      version: found.version,
      platform: found.platform,
      generation: found.generation,
      ...(found.workspaceId === undefined ? {} : { workspaceId: found.workspaceId }),
      ...(found.keyRow === undefined ? {} : { keyName: found.keyRow.keyName }),
      permissions: found.keyRow?.permissions ?? [],
      ...(missing.length === 0 ? {} : { missingForVault: missing }),
      summary: `Flowise ${found.version}, ${platform}. ${keySentence(found)}`,
    };
  } catch (error) {
    const wire = toWireError(error);
    const where = typeof profile === 'function' ? target : profile;
    const certificate =
      where === undefined ? undefined : await certificateFinding(probe, where, error);
    return {
      ok: false,
      checkedAt: now,
      permissions: [],
      summary: error instanceof AppError ? wire.message : 'The connection test failed.',
      error: wire,
      ...(certificate === undefined ? {} : { certificate }),
    };
  }
}
