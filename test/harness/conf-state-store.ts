// The harness keeps non-secret state with conf, the library electron-store wraps in the app.
import Conf from 'conf';

import type { StateStore } from '../../main/core/ports.js';

export function createConfStateStore(dir: string): StateStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'state',
    projectName: 'flowise-key-vault',
    configFileMode: 0o600,
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => {
      conf.set(key, value);
    },
  };
}
