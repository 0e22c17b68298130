// Where fkv finds the vault: the desktop app's own data folder (Electron's userData) unless
// --vault or FKV_VAULT names another, so the app and fkv share one vault, one journal and one
// state file (the rollback counter and the wrong-password delays).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** electron-builder.yml's productName (the packaged app), then package.json's name (a build run
 * from the repo with `npm start`): Electron names userData after whichever the app carries. */
const APP_FOLDER_NAMES = ['Flowise Key Vault', 'flowise-key-vault'] as const;

export interface DataFolder {
  /** The folder that holds vault.fkv and its backup. */
  vaultDir: string;
  /** The folder that holds state.json. */
  stateDir: string;
}

/** Electron's appData folder for this platform. */
export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.config');
}

/** The app keeps vault/vault.fkv under its data folder and state.json at its top; the loopback
 * harness (and the tests) keep both side by side. A folder is read in whichever layout it has. */
export function layoutOf(folder: string): DataFolder {
  const root = resolve(folder);
  if (existsSync(join(root, 'vault.fkv'))) return { vaultDir: root, stateDir: root };
  return { vaultDir: join(root, 'vault'), stateDir: root };
}

export function findDataFolder(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): DataFolder {
  const named = flag ?? env['FKV_VAULT'];
  if (named !== undefined && named !== '') return layoutOf(named);
  const base = appDataDir(env, platform);
  const folders = APP_FOLDER_NAMES.map((name) => join(base, name));
  const found = folders.find((folder) => existsSync(join(folder, 'vault', 'vault.fkv')));
  return layoutOf(found ?? folders[0] ?? base);
}
