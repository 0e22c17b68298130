// What a test needs to reach the shared real Flowise server, and how it travels between processes:
// the runner and the Playwright/Vitest global setups hand it down through the environment.
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { generationOfVersion } from '../../main/core/flowise/generation.js';

export interface FlowiseTarget {
  url: string;
  apiKey: string;
  apiKeyId: string;
  dataDir: string;
  /** What the server's /version answered; a server named by hand may leave it out. */
  version?: string;
}

/** A target whose version is known, as the global setups provide it to tests. */
export interface KnownFlowise extends FlowiseTarget {
  version: string;
  generation: FlowiseGeneration;
}

declare module 'vitest' {
  export interface ProvidedContext {
    flowise: KnownFlowise;
  }
}

/** The variables naming the run's server, or (given a version) the run's server of that version,
 * as the e2e global setup starts one per older release: FKV_FLOWISE_3_0_12_URL and so on. */
function envNames(version?: string) {
  const prefix =
    version === undefined ? 'FKV_FLOWISE_' : `FKV_FLOWISE_${version.replaceAll('.', '_')}_`;
  return {
    url: `${prefix}URL`,
    apiKey: `${prefix}API_KEY`,
    apiKeyId: `${prefix}API_KEY_ID`,
    dataDir: `${prefix}DATA_DIR`,
    // Not FKV_FLOWISE_VERSION: that one says which release to install and start.
    version: `${prefix}SERVER_VERSION`,
  };
}

/** The server named by FKV_FLOWISE_*, or undefined when none is; half a set is a mistake. */
export function targetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  release?: string,
): FlowiseTarget | undefined {
  const { version: versionName, ...names } = envNames(release);
  const entries = Object.entries(names).map(([field, name]) => [field, env[name]] as const);
  const missing = entries.filter(([, value]) => value === undefined || value === '');
  if (missing.length === entries.length) return undefined;
  if (missing.length > 0) {
    const list = missing.map(([field]) => names[field as keyof typeof names]);
    throw new Error(`Set all of the FKV_FLOWISE_* variables or none; missing ${list.join(', ')}.`);
  }
  const target = Object.fromEntries(entries) as unknown as FlowiseTarget;
  const version = env[versionName];
  return version === undefined || version === '' ? target : { ...target, version };
}

export function targetToEnv(target: FlowiseTarget, release?: string): Record<string, string> {
  const names = envNames(release);
  return {
    [names.url]: target.url,
    [names.apiKey]: target.apiKey,
    [names.apiKeyId]: target.apiKeyId,
    [names.dataDir]: target.dataDir,
    ...(target.version === undefined ? {} : { [names.version]: target.version }),
  };
}

export function pickTarget(target: FlowiseTarget): FlowiseTarget {
  const { url, apiKey, apiKeyId, dataDir, version } = target;
  return { url, apiKey, apiKeyId, dataDir, ...(version === undefined ? {} : { version }) };
}

/** The target with its version and line, as the server answers them; a target that says another
 * version (env files of two servers mixed up) is refused. */
export async function knownFlowise(target: FlowiseTarget): Promise<KnownFlowise> {
  // 2.0.6–2.1.1 answer /version only to a key.
  const response = await fetch(`${target.url}/api/v1/version`, {
    headers: { Authorization: `Bearer ${target.apiKey}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${target.url}/api/v1/version answered ${response.status}`);
  const version = String(((await response.json()) as { version?: unknown }).version);
  if (target.version !== undefined && target.version !== version)
    throw new Error(
      `${target.url} runs Flowise ${version}, not ${target.version} as its variables say`,
    );
  const generation = generationOfVersion(version);
  if (generation === undefined || generation === 'too-old')
    throw new Error(`the test suites need Flowise 2.0.6 or newer, not ${version}`);
  return { ...pickTarget(target), version, generation };
}
