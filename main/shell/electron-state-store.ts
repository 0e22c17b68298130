// StateStore over electron-store: non-secret app state (settings, and the highest vault write
// counter seen, which the rollback guard compares against). Never a secret: electron-store's own
// encryption is obfuscation (its key ships inside the app), not protection.
import Store from 'electron-store';

import type { StateStore } from '../core/ports.js';

export interface ElectronStateStoreOptions {
  /** Defaults to Electron's userData folder; tests pass a temp folder. */
  cwd?: string;
}

export function createElectronStateStore(options: ElectronStateStoreOptions = {}): StateStore {
  const store = new Store<Record<string, unknown>>({
    name: 'state',
    configFileMode: 0o600,
    // Never wipe the file on a parse error: that would silently reset the rollback guard too.
    clearInvalidConfig: false,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => {
      store.set(key, value);
    },
  };
}
