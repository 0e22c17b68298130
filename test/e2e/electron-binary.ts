// Finds an Electron binary without triggering the electron package's lazy download.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

export function findElectronBinary(): string | undefined {
  const explicit = process.env['FKV_ELECTRON_PATH'];
  if (explicit !== undefined && existsSync(explicit)) return explicit;
  const pkg = join(repoRoot, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export const NO_ELECTRON_REASON =
  'No Electron binary on this machine: the electron package installs, but its binary download ' +
  'is not reachable here. Set FKV_ELECTRON_PATH to an Electron 45 binary to run this project.';
