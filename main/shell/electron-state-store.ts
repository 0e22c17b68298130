// StateStore over electron-store: non-secret app state (settings, and the highest vault write
// counter seen, which the rollback guard compares against). Never a secret: electron-store's own
// encryption is obfuscation (its key ships inside the app), not protection.
import { renameSync } from 'node:fs';
import { join } from 'node:path';

import { app } from 'electron';
import Store from 'electron-store';

import type { StateStore } from '../core/ports.js';

export interface ElectronStateStoreOptions {
  /** Defaults to Electron's userData folder; tests pass a temp folder. */
  cwd?: string;
}

function openStore(options: ElectronStateStoreOptions): Store {
  return new Store({
    name: 'state',
    configFileMode: 0o600,
    // Never wipe the file on a parse error: it is set aside below instead, so nothing is lost.
    clearInvalidConfig: false,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
}

const isSyntaxError = (error: unknown): boolean =>
  error instanceof Error && error.name === 'SyntaxError';

/**
 * A state.json that is not JSON would stop the app at start. It is renamed to
 * state.json.corrupt-<time> (kept, never deleted), the store starts empty, and `setAsidePath`
 * says where the old file went so the app can tell the person.
 */
export function createElectronStateStore(options: ElectronStateStoreOptions = {}): StateStore {
  let store: Store;
  let setAsidePath: string | undefined;
  try {
    store = openStore(options);
  } catch (error) {
    if (!isSyntaxError(error)) throw error;
    const file = join(options.cwd ?? app.getPath('userData'), 'state.json');
    setAsidePath = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, setAsidePath);
    store = openStore(options);
  }
  return {
    get: (key) => store.get(key),
    set: (key, value) => {
      store.set(key, value);
    },
    ...(setAsidePath === undefined ? {} : { setAsidePath }),
  };
}
