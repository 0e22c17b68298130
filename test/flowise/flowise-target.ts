// What a test needs to reach the shared real Flowise server, and how it travels between processes:
// the runner and the Playwright/Vitest global setups hand it down through the environment.
export interface FlowiseTarget {
  url: string;
  apiKey: string;
  apiKeyId: string;
  dataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    flowise: FlowiseTarget;
  }
}

const ENV_NAMES = {
  url: 'FKV_FLOWISE_URL',
  apiKey: 'FKV_FLOWISE_API_KEY',
  apiKeyId: 'FKV_FLOWISE_API_KEY_ID',
  dataDir: 'FKV_FLOWISE_DATA_DIR',
} as const satisfies Record<keyof FlowiseTarget, string>;

/** The server named by FKV_FLOWISE_*, or undefined when none is; half a set is a mistake. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): FlowiseTarget | undefined {
  const entries = Object.entries(ENV_NAMES).map(([field, name]) => [field, env[name]] as const);
  const missing = entries.filter(([, value]) => value === undefined || value === '');
  if (missing.length === entries.length) return undefined;
  if (missing.length > 0) {
    const names = missing.map(([field]) => ENV_NAMES[field as keyof FlowiseTarget]);
    throw new Error(`Set all of the FKV_FLOWISE_* variables or none; missing ${names.join(', ')}.`);
  }
  return Object.fromEntries(entries) as unknown as FlowiseTarget;
}

export function targetToEnv(target: FlowiseTarget): Record<string, string> {
  return {
    [ENV_NAMES.url]: target.url,
    [ENV_NAMES.apiKey]: target.apiKey,
    [ENV_NAMES.apiKeyId]: target.apiKeyId,
    [ENV_NAMES.dataDir]: target.dataDir,
  };
}

export function pickTarget(target: FlowiseTarget): FlowiseTarget {
  const { url, apiKey, apiKeyId, dataDir } = target;
  return { url, apiKey, apiKeyId, dataDir };
}
