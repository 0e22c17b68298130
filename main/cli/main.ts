// fkv's entry (package.json "bin" runs it through bin/fkv.js): parse, run one command, exit with
// its code. Errors are printed by message only; exit-codes.ts says which messages are safe.
import { exitCodeOf, messageOf } from './exit-codes.js';
import { runProgram } from './program.js';
import { lockOnSignals } from './vault-session.js';

lockOnSignals();
try {
  process.exitCode = await runProgram(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`fkv: ${messageOf(error)}\n`);
  process.exitCode = exitCodeOf(error);
}
// Keep-alive sockets and the clipboard's countdown are done with: nothing else may hold us up. But
// what a pipe has not taken yet waits in Node's queue, and process.exit drops it: flushed first.
await Promise.all(
  [process.stdout, process.stderr].map(
    (stream) => new Promise((flushed) => stream.write('', flushed)),
  ),
);
process.exit();
