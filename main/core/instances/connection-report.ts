// Runs a connection test and phrases the outcome for people.
import { AppError, toWireError } from '../../../common/errors.js';
import type { ConnectionReport } from '../../../common/ipc/schemas/instances.js';
import type { FlowiseGeneration } from '../flowise/generation.js';
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
  tls?: { ca?: string; allowSelfSigned?: boolean };
  /** Plain http to a host that is not loopback. */
  allowInsecureHttp?: boolean;
}

export type Connect = (profile: ConnectionProfile) => {
  describe(): Promise<ConnectionDescription>;
};

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
  profile: ConnectionProfile,
  now: number,
): Promise<ConnectionReport> {
  try {
    const found = await connect(profile).describe();
    const platform = found.platform === 'unknown' ? 'platform unknown' : found.platform;
    return {
      ok: true,
      checkedAt: now,
      version: found.version,
      platform: found.platform,
      generation: found.generation,
      ...(found.workspaceId === undefined ? {} : { workspaceId: found.workspaceId }),
      ...(found.keyRow === undefined ? {} : { keyName: found.keyRow.keyName }),
      permissions: found.keyRow?.permissions ?? [],
      summary: `Flowise ${found.version}, ${platform}. ${keySentence(found)}`,
    };
  } catch (error) {
    const wire = toWireError(error);
    return {
      ok: false,
      checkedAt: now,
      permissions: [],
      summary: error instanceof AppError ? wire.message : 'The connection test failed.',
      error: wire,
    };
  }
}
