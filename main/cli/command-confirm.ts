// fkv's answer to the core's question before each command a delivery target, check or rollback
// runs. On a terminal the person reads exactly what will execute (the desktop box's words) and
// types y, one command at a time; anything else runs nothing. Without a terminal nothing runs
// unless --allow-commands was given: --yes answers the plan, never a command.
import { createInterface } from 'node:readline/promises';

import { confirmDetailLines, confirmQuestion } from '../core/delivery/command-confirm-words.js';
import type { CommandConfirmPort, CommandConfirmRequest } from '../core/ports.js';
import { note } from './output.js';

const shown = (request: CommandConfirmRequest): string =>
  [confirmQuestion(request), ...confirmDetailLines(request).map((line) => `  ${line}`)].join('\n');

async function askOnTerminal(request: CommandConfirmRequest): Promise<boolean> {
  note(shown(request));
  const lines = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await lines.question('Run it? [y/N] ');
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    // A question that could not be asked was not answered: nothing runs.
    return false;
  } finally {
    lines.close();
  }
}

export function createTerminalConfirmation(allowCommands: boolean): CommandConfirmPort {
  let queue: Promise<unknown> = Promise.resolve();
  const decide = (request: CommandConfirmRequest): Promise<boolean> => {
    if (allowCommands) {
      note(`fkv: running (--allow-commands): ${shown(request)}`);
      return Promise.resolve(true);
    }
    if (process.stdin.isTTY) return askOnTerminal(request);
    note(
      `fkv: not run: no terminal to confirm it on (--allow-commands runs it): ${shown(request)}`,
    );
    return Promise.resolve(false);
  };
  return {
    // One at a time: a bulk rotation may reach several targets at once.
    confirm(request) {
      const next = queue.then(() => decide(request));
      queue = next;
      return next;
    },
  };
}
