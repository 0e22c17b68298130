// Run by vault-shared.test.ts in a child process: a second core on the same vault folder, as the
// fkv command line would be beside the app. It unlocks once, then obeys lines on stdin:
//   add <name>            adds an instance named <name> (one change: profile + audit record)
//   burst <prefix> <n>    adds <prefix>-0 … <prefix>-<n-1> one after another
//   quit                  shuts the core down and exits
// and answers each with one line: "ok <what>", or "error <code>".
// Usage: tsx vault-shared-child.ts <dir>; the password comes on the first stdin line.
import { createInterface } from 'node:readline';

import { isAppError } from '../../common/errors.js';
import { createCore } from '../../main/core/create-core.js';
import { systemClock } from '../../main/core/node-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { inProcessApi } from './in-process-api.js';
import { sharedDraft } from './vault-shared-draft.js';

const [dir = ''] = process.argv.slice(2);
const events = new RecordingEventSink();
const core = createCore({
  files: createNodeVaultFileStore(dir),
  protector: new InMemoryKeyProtector(),
  state: new MemoryStateStore(),
  clock: systemClock,
  events,
  logger: new MemoryLogger(),
  host: { version: 'test', platform: 'linux', host: 'harness' },
  http: { request: () => Promise.reject(new Error('no network in this test')) },
  clipboard: new MemoryClipboard(),
  osUser: 'cli',
  kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
});
const api = inProcessApi(core, events);
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

let unlocked = false;
for await (const line of createInterface({ input: process.stdin })) {
  const [command = '', arg = '', count = '0'] = line.split(' ');
  try {
    if (!unlocked) {
      // Its own app state, as on a first run of the CLI: the vault's history is accepted once.
      await api.vault.unlock({ password: line, allowRollback: true });
      unlocked = true;
      say('ok unlocked');
    } else if (command === 'add') {
      await api.instances.add(sharedDraft(arg));
      say(`ok ${arg}`);
    } else if (command === 'burst') {
      for (let i = 0; i < Number(count); i++) await api.instances.add(sharedDraft(`${arg}-${i}`));
      say(`ok ${arg}`);
    } else if (command === 'quit') {
      await core.shutdown();
      say('ok quit');
      break;
    }
  } catch (error) {
    say(`error ${isAppError(error) ? error.code : 'internal'}`);
  }
}
process.exit(0);
