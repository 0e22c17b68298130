// Child process for vault-crash.test.ts: opens the vault in argv[2] and saves `argv[3]` times,
// printing each save's number only once writeSection has resolved, until the parent kills it.
import { systemClock } from '../../node-clock.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
} from '../../testing/memory-ports.js';
import { createNodeVaultFileStore } from '../node-file-store.js';
import { Vault } from '../vault.js';
import { PASSWORD, TINY_KDF } from './vault-fixture.js';

const [dir, savesArg] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: crash-child <dir> [saves]');
const saves = Number(savesArg ?? 200);

const vault = new Vault({
  files: createNodeVaultFileStore(dir),
  protector: new InMemoryKeyProtector(),
  state: new MemoryStateStore(),
  clock: systemClock,
  logger: new MemoryLogger(),
  kdf: { params: TINY_KDF },
});
// Empty app state, as on a new installation: the vault's history is accepted as it is.
await vault.unlock(PASSWORD, { allowRollback: true });
process.stdout.write('ready\n');
for (let i = 1; i <= saves; i++) {
  // A few kilobytes per save, so a kill often lands in the middle of a write.
  const entries = Array.from({ length: 40 }, (_, n) => ({ id: `e${n}`, key: `sk-${i}-${n}` }));
  await vault.writeSection('crash', { i, entries });
  // Pipes are synchronous on Linux: a printed number is a save the parent may rely on.
  process.stdout.write(`${i}\n`);
}
process.stdout.write('done\n');
