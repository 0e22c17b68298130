// Run by vault-shared.test.ts in a child process: a second core on the same vault folder, as the
// fkv command line would be beside the app. It unlocks once, then obeys lines on stdin:
//   add <name>            adds an instance named <name> (one change: profile + audit record)
//   burst <prefix> <n>    adds <prefix>-0 … <prefix>-<n-1> one after another
//   quit                  shuts the core down and exits
// and answers each with one line: "ok <what>", or "error <code>".
// Usage: tsx vault-shared-child.ts <dir>; the password comes on the first stdin line.
import { createInterface } from 'node:readline';

import { isAppError } from '../../common/errors.js';
import { createDiskCore, NO_NETWORK } from './disk-core.js';
import { sharedDraft } from './vault-shared-draft.js';

const [dir = ''] = process.argv.slice(2);
const { core, api } = createDiskCore(dir, { http: NO_NETWORK, osUser: 'cli' });
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
