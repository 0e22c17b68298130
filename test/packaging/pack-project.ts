// Packages the app for Linux from a throwaway copy of the project, so the smoke test never
// touches the shared dist/ or release/ folders. The copy gets the real packaging config and
// hook, a fresh build of the current sources, and canaries that must not ship.
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { writeStubElectron } from './stub-electron.js';

const run = promisify(execFile);
export const repoRoot = resolve(import.meta.dirname, '../..');

/** Keys a test runner sets that must not leak into the builds (NODE_ENV=test would change them). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'NODE_OPTIONS') continue;
    if (key === 'FKV_ENABLE_INSPECT' || key.startsWith('CSC_')) continue;
    env[key] = value;
  }
  return {
    ...env,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    ...extra,
  };
}

async function node(
  args: string[],
  cwd: string,
  extra: Record<string, string> = {},
): Promise<void> {
  try {
    await run(process.execPath, args, { cwd, env: childEnv(extra), maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

/** The four builds of `npm run build`, written into `dir/dist`. */
export async function buildInto(dir: string): Promise<void> {
  const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
  const config = join(repoRoot, 'vite.config.ts');
  for (const [mode, out] of [
    ['production', 'renderer'],
    ['main', 'main'],
    ['preload', 'preload'],
    ['harness', 'harness'],
  ] as const) {
    const outDir = join(dir, 'dist', out);
    await node([vite, 'build', '--config', config, '--mode', mode, '--outDir', outDir], repoRoot);
  }
}

/** Things that exist in a developer's checkout and must never reach the asar. */
export const CANARIES = [
  'test/canary/leak.test.ts',
  'dist/main/main.js.map',
  'dist/renderer/x.js.map',
];

export async function prepareProject(dir: string): Promise<void> {
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) {
    await copyFile(join(repoRoot, file), join(dir, file));
  }
  await cp(join(repoRoot, 'main/shell/build'), join(dir, 'main/shell/build'), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await buildInto(dir);
  for (const canary of CANARIES) {
    await mkdir(join(dir, canary, '..'), { recursive: true });
    await writeFile(join(dir, canary), '// canary: packaging must leave this out\n');
  }
  await writeStubElectron(join(dir, 'electron-stub'));
}

export interface Packaged {
  appOutDir: string;
  asar: string;
  binary: string;
}

/** Runs electron-builder's CLI (through tsx, which loads the TypeScript afterPack hook). */
export async function packageLinux(
  dir: string,
  output: string,
  inspect = false,
): Promise<Packaged> {
  const cli = join(repoRoot, 'node_modules/electron-builder/cli.js');
  await node(
    [
      '--import',
      'tsx',
      cli,
      '--linux',
      'dir',
      `-c.electronDist=${join(dir, 'electron-stub')}`,
      `-c.directories.output=${output}`,
    ],
    dir,
    inspect ? { FKV_ENABLE_INSPECT: 'true' } : {},
  );
  const appOutDir = join(dir, output, 'linux-unpacked');
  return {
    appOutDir,
    asar: join(appOutDir, 'resources', 'app.asar'),
    binary: join(appOutDir, 'flowise-key-vault'),
  };
}
