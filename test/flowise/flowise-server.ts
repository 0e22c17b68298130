// A real Flowise server for the test suites: loopback only, a free port, a private data folder
// that is deleted on stop, telemetry and every outbound feature off, an owner account and a
// full-permission API key. Only start.ts prints the key; nothing here logs it.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bootstrapFlowise } from './flowise-bootstrap.js';
import type { InstallOptions } from './flowise-install.js';
import { installFlowise } from './flowise-install.js';
import { tailOf } from './log-tail.js';
import type { ServerProcess } from './server-process.js';
import { freePort, spawnServer } from './server-process.js';

export { installFlowise } from './flowise-install.js';

export interface StartOptions extends InstallOptions {
  /** Node binary for the server; default $FKV_FLOWISE_NODE, else the one running this code. */
  node?: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Default $FKV_FLOWISE_START_TIMEOUT (seconds) or 180 s: two busy cores start it slowly. */
  startTimeoutMs?: number;
  /**
   * Where a 2.x server keeps its keys (APIKEY_STORAGE_TYPE): `json` (Flowise's default, api.json
   * in the data folder) or `db`. Default $FKV_FLOWISE_APIKEY_STORAGE, else Flowise's default.
   * 3.0.1 and later keep keys in the database whatever this says.
   */
  apiKeyStorage?: ApiKeyStorage;
}

export type ApiKeyStorage = 'json' | 'db';

function apiKeyStorage(options: StartOptions): ApiKeyStorage {
  const wanted = options.apiKeyStorage ?? process.env['FKV_FLOWISE_APIKEY_STORAGE'] ?? 'json';
  if (wanted !== 'json' && wanted !== 'db')
    throw new Error(`FKV_FLOWISE_APIKEY_STORAGE is json or db, not ${wanted}`);
  return wanted;
}

export interface RunningFlowise {
  url: string;
  /** What the server's /version answered. */
  version: string;
  apiKeyStorage: ApiKeyStorage;
  apiKey: string;
  apiKeyId: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Meets Flowise's rule: 8+ characters with a lower, an upper, a digit and a special character. */
export function generateAdminPassword(): string {
  return `Fkv#${randomBytes(12).toString('base64url')}9a`;
}

function startTimeout(options: StartOptions): number {
  const seconds = Number(process.env['FKV_FLOWISE_START_TIMEOUT'] ?? '');
  return options.startTimeoutMs ?? (seconds > 0 ? seconds * 1000 : 180_000);
}

export async function startFlowise(options: StartOptions = {}): Promise<RunningFlowise> {
  const install = await installFlowise(options);
  const storage = apiKeyStorage(options);
  const dataDir = await mkdtemp(join(tmpdir(), 'fkv-flowise-'));
  const dirs = ['db', 'blob', 'logs', 'secret', 'home', 'apikeys'].map((d) => join(dataDir, d));
  await Promise.all(dirs.map((d) => mkdir(d, { mode: 0o700 })));
  const adminEmail = options.adminEmail ?? 'admin@example.com';
  const adminPassword = options.adminPassword ?? generateAdminPassword();
  const logFile = join(dataDir, 'flowise.log');
  let server: ServerProcess | undefined;
  let apiKey = '';
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawnServer({
      command: options.node ?? process.env['FKV_FLOWISE_NODE'] ?? process.execPath,
      args: [install.bin, 'start'],
      cwd: dataDir,
      // json is Flowise's own default: left unset, so that run is the default a user gets.
      env: {
        ...serverEnv(install.dir, dataDir, port),
        ...(storage === 'db' ? { APIKEY_STORAGE_TYPE: 'db' } : {}),
      },
      logFile,
      onAbandon: () => {
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
    await server.waitUntilAnswering(`${url}/api/v1/ping`, startTimeout(options));
    const key = await bootstrapFlowise(url, { email: adminEmail, password: adminPassword });
    apiKey = key.apiKey;
    const running = server;
    return {
      url,
      ...key,
      apiKeyStorage: storage,
      adminEmail,
      adminPassword,
      dataDir,
      stop: once(async () => {
        await running.stop();
        await rm(dataDir, { recursive: true, force: true });
      }),
    };
  } catch (error) {
    const tail = tailOf(logFile, [adminPassword, apiKey]);
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Flowise did not start: ${reason}\nend of its log:\n${tail}`, { cause: error });
  }
}

/**
 * A clean environment, not the caller's: a developer's FLOWISE_*, DATABASE_*, PORT, NODE_OPTIONS
 * or POSTHOG_PUBLIC_API_KEY must not reach the server. HOME is private because Flowise always
 * creates $HOME/.flowise; the model list is the bundled file because its default is a GitHub URL.
 */
function serverEnv(installDir: string, dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: process.env['LANG'] ?? 'C.UTF-8',
    HOME: join(dataDir, 'home'),
    TMPDIR: tmpdir(),
    HOST: '127.0.0.1',
    PORT: String(port),
    DISABLE_FLOWISE_TELEMETRY: 'true',
    POSTHOG_PUBLIC_API_KEY: '',
    DATABASE_TYPE: 'sqlite',
    DATABASE_PATH: join(dataDir, 'db'),
    BLOB_STORAGE_PATH: join(dataDir, 'blob'),
    LOG_PATH: join(dataDir, 'logs'),
    SECRETKEY_PATH: join(dataDir, 'secret'),
    // 2.x keeps api.json inside its own package folder unless told otherwise: that is the shared
    // install, so keys would outlive the data folder and leak from one run into the next.
    APIKEY_PATH: join(dataDir, 'apikeys'),
    MODEL_LIST_CONFIG_JSON: join(installDir, 'node_modules', 'flowise-components', 'models.json'),
  };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
