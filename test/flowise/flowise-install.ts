// Installs a Flowise release into a cache folder outside the clone, the way start.sh does: three
// gigabytes are worth keeping between runs, and the plain install cannot work offline.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { tailOf } from './log-tail.js';

export const DEFAULT_FLOWISE_VERSION = '3.1.4';

/** The releases `npm test` proves, one per line of Flowise (main/core/flowise/generation.ts). */
export const TESTED_FLOWISE_VERSIONS = ['3.1.4', '3.0.12', '2.2.8'] as const;

export interface InstallOptions {
  version?: string;
  /** The install folder; default flowise-<version> in $FKV_FLOWISE_CACHE, else in
   * ~/.cache/flowise-key-vault: every version has its own. */
  dir?: string;
  log?: (line: string) => void;
}

export interface FlowiseInstall {
  dir: string;
  version: string;
  /** The `flowise` CLI entry, run with node. */
  bin: string;
}

export function flowiseVersion(options: InstallOptions = {}): string {
  return options.version ?? process.env['FKV_FLOWISE_VERSION'] ?? DEFAULT_FLOWISE_VERSION;
}

export function installDir(options: InstallOptions = {}): string {
  const fromEnv = process.env['FKV_FLOWISE_CACHE'];
  if (options.dir !== undefined) return options.dir;
  const root =
    fromEnv !== undefined && fromEnv !== ''
      ? fromEnv
      : join(homedir(), '.cache', 'flowise-key-vault');
  return join(root, `flowise-${flowiseVersion(options)}`);
}

function installedVersion(dir: string, name = 'flowise'): string | undefined {
  const manifest = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : undefined;
}

/** The sqlite3 rebuild is the last install step, so its binding marks a finished install. */
function hasSqliteBinding(dir: string): boolean {
  const release = join(dir, 'node_modules', 'sqlite3', 'build', 'Release');
  return existsSync(release) && readdirSync(release).some((name) => name.endsWith('.node'));
}

export function isInstalled(dir: string, version: string): boolean {
  const found = installedVersion(dir);
  if (found !== undefined && found !== version) {
    throw new Error(
      `${dir} holds flowise ${found}, not ${version}; point FKV_FLOWISE_CACHE elsewhere.`,
    );
  }
  // flowise@3.0.12 asks for flowise-components@^3.0.12, which npm resolves to the newest 3.x: that
  // server then dies at start (Cannot find module 'multer-azure-blob-storage').
  const components = installedVersion(dir, 'flowise-components');
  if (found === version && components !== undefined && components !== version) {
    throw new Error(
      `${dir} holds flowise ${version} with flowise-components ${components}, which does not ` +
        `start; delete the folder to reinstall with flowise-components ${version}.`,
    );
  }
  return found === version && hasSqliteBinding(dir);
}

export async function installFlowise(options: InstallOptions = {}): Promise<FlowiseInstall> {
  const version = flowiseVersion(options);
  const dir = installDir(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`[flowise] ${line}\n`));
  const result = { dir, version, bin: join(dir, 'node_modules', 'flowise', 'bin', 'run') };
  if (isInstalled(dir, version)) return result;

  await mkdir(dirname(dir), { recursive: true });
  const release = await installLock(`${dir}.lock`, log);
  try {
    if (!isInstalled(dir, version)) await install(dir, version, log);
  } finally {
    await release();
  }
  return result;
}

/** Two suites started side by side must not run npm into the same folder: the second one waits. */
async function installLock(
  path: string,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  for (let waited = 0; ; waited += 2) {
    try {
      await mkdir(path);
      return () => rm(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than an hour belongs to an install that was killed.
      const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 3600_000) await rm(path, { recursive: true, force: true });
      if (waited % 60 === 0) log(`waiting for another install (${path})`);
      await new Promise((settle) => setTimeout(settle, 2000));
    }
  }
}

async function install(dir: string, version: string, log: (line: string) => void): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) {
    await writeFile(
      join(dir, 'package.json'),
      '{ "name": "flowise-test-server", "private": true }\n',
    );
  }
  log(`installing flowise@${version} into ${dir} (several minutes, about 3 GB)`);
  // --ignore-scripts: faiss-node's install script fetches from GitHub, fails offline, and npm then
  // removes the whole tree. Only sqlite3's native binding is needed to serve the REST API.
  await npm(dir, 'install.log', [
    'install',
    `flowise@${version}`,
    `flowise-components@${version}`,
    '--save-exact',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ]);
  log('building the sqlite3 binding');
  await npm(dir, 'rebuild.log', ['rebuild', 'sqlite3']);
  if (!isInstalled(dir, version)) throw new Error(`flowise install in ${dir} is incomplete`);
  log('installed');
}

async function npm(dir: string, logName: string, args: string[]): Promise<void> {
  const logFile = join(dir, logName);
  const out = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PUPPETEER_SKIP_DOWNLOAD: '1',
    PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: 'true',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  // Inherited from an outer `npm run`: they name this project, not the install folder.
  delete env['npm_config_local_prefix'];
  delete env['npm_config_prefix'];
  // node-gyp would download the headers, which is not reachable; those of this Node fit exactly.
  const nodePrefix = dirname(dirname(process.execPath));
  if (existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) {
    env['npm_config_nodedir'] = nodePrefix;
  }
  const child = spawn('npm', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', done);
  });
  await new Promise<void>((done) => out.end(done));
  if (code !== 0) {
    throw new Error(
      `npm ${args[0] ?? ''} failed (${String(code)}); end of ${logFile}:\n${tailOf(logFile)}`,
    );
  }
}
