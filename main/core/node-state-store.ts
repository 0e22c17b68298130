// Non-secret state under plain Node (the fkv command line and the loopback harness), with conf, the
// library electron-store wraps in the app: the same state.json format, so both read one file.
import Conf from 'conf';

import type { StateStore } from './ports.js';

export function createNodeStateStore(dir: string): StateStore {
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
