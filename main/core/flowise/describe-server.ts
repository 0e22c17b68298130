// Finds out what a server is and what the admin key may do there: version (from /version, else
// from the key rows' shape), platform, generation, and the key's own row, found in GET /apikey by
// comparing values (Flowise has no "who am I" for keys).
import { timingSafeEqual } from 'node:crypto';

import { AppError, isAppError } from '../../../common/errors.js';
import type { ConnectionDescription } from '../instances/connection-report.js';
import type { ApiKeyRow } from './flowise-schemas.js';
import type { FlowiseGeneration } from './generation.js';
import { generationOfRows, generationOfVersion } from './generation.js';
import type { KeysApi } from './keys-api.js';
import type { Platform, ServerApi } from './server-api.js';

/** Answers that mean "this server has no such route" rather than a failure worth reporting. */
function absent(error: unknown): boolean {
  return (
    isAppError(error, 'not_flowise') ||
    isAppError(error, 'not_found') ||
    isAppError(error, 'server_error')
  );
}

async function orUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (absent(error) || isAppError(error, 'unauthorized')) return undefined;
    throw error;
  }
}

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function tooOld(host: string, version: string): AppError {
  return new AppError(
    'precondition_failed',
    `${host} runs Flowise ${version}, whose API keys cannot manage keys or credentials. ` +
      'Flowise 2.0.6 or newer is needed; 3.0.13 or newer is fully supported.',
    { host, version },
  );
}

/** The generation from /version alone; undefined when the server does not say. */
export async function generationFromVersion(
  host: string,
  server: ServerApi,
): Promise<FlowiseGeneration | undefined> {
  const version = await orUndefined(server.version());
  if (version === undefined) return undefined;
  const generation = generationOfVersion(version);
  if (generation === 'too-old') throw tooOld(host, version);
  return generation;
}

export async function describeServer(
  host: string,
  apiKey: string,
  server: ServerApi,
  keys: KeysApi,
): Promise<ConnectionDescription> {
  await server.ping();
  const version = await orUndefined(server.version());
  let generation = version === undefined ? undefined : generationOfVersion(version);
  if (generation === 'too-old') throw tooOld(host, version ?? '');
  const platform: Platform =
    generation === '2.0.6-3.0.0'
      ? 'unknown'
      : ((await orUndefined(server.platform())) ?? 'unknown');
  let rows: ApiKeyRow[] | undefined;
  try {
    rows = await keys.listKeys();
  } catch (error) {
    if (!isAppError(error, 'forbidden')) throw error;
    // Only 3.0.13+ scopes keys, so a 403 dates the server.
    generation ??= '3.0.13+';
  }
  generation ??=
    generationOfRows(rows ?? []) ?? (platform === 'unknown' ? '2.0.6-3.0.0' : '3.0.1-3.0.12');
  const own = rows?.find((row) => sameKey(row.apiKey, apiKey));
  return {
    version: version ?? 'unknown',
    platform,
    generation,
    ...(own?.workspaceId === undefined ? {} : { workspaceId: own.workspaceId }),
    ...(own === undefined
      ? {}
      : { keyRow: { id: own.id, keyName: own.keyName, permissions: own.permissions } }),
  };
}
