// Main's own question before each command a delivery target, check or rollback runs: a native
// message box, which only the person at the screen can answer (no renderer message reaches it).
// It shows exactly what will execute: each program with each argument as it is passed (no shell
// parses them), the folder it starts in, how the key reaches it, and the time limit.
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { dialog } from 'electron';

import type { CommandConfirmPort, CommandConfirmRequest } from '../core/ports.js';

/** The button that runs the command; Cancel is 0, the default, so Enter or Esc runs nothing. */
export const RUN_BUTTON = 1;

const PURPOSE: Record<CommandConfirmRequest['purpose'], (r: CommandConfirmRequest) => string> = {
  deliver: (r) =>
    `Deliver the new key of "${r.keyName}" (${r.instanceName}) to "${r.targetLabel}"?`,
  check: (r) =>
    `Check that "${r.targetLabel}" works with the new key of "${r.keyName}" (${r.instanceName})?`,
  rollback: (r) =>
    `Give "${r.targetLabel}" the old key of "${r.keyName}" (${r.instanceName}) back?`,
};

/** JSON quoting shows every argument's exact bounds, spaces and quotes included. */
const quoted = (word: string): string => JSON.stringify(word);

function stepLines(step: CommandConfirmRequest['steps'][number], index: number, count: number) {
  const head =
    count === 1
      ? `Program: ${quoted(step.executable)}`
      : `Step ${String(index + 1)}${index === 0 ? '' : ' (reads the previous step’s output)'}: program ${quoted(step.executable)}`;
  const args =
    step.args.length === 0
      ? ['  no arguments']
      : step.args.map((arg, i) => `  argument ${String(i + 1)}: ${quoted(arg)}`);
  return [head, ...args];
}

export function confirmationOptions(request: CommandConfirmRequest): MessageBoxOptions {
  const count = request.steps.length;
  const detail = [
    'This will run, without a shell, exactly:',
    ...request.steps.flatMap((step, i) => stepLines(step, i, count)),
    `In the folder: ${request.cwd}`,
    `The key: ${request.keyInput} (never in the arguments)`,
    `Stopped after ${String(request.timeoutSeconds)} s.`,
  ].join('\n');
  return {
    type: 'warning',
    title: 'Run a command',
    message: PURPOSE[request.purpose](request),
    detail,
    buttons: ['Cancel', 'Run it'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/**
 * One box at a time (a bulk rotation may reach several targets at once), each over the app's
 * window when there is one.
 */
export function createDialogConfirmation(
  getWindow: () => BrowserWindow | undefined,
): CommandConfirmPort {
  let queue: Promise<unknown> = Promise.resolve();
  const ask = async (request: CommandConfirmRequest): Promise<boolean> => {
    const options = confirmationOptions(request);
    const window = getWindow();
    try {
      const answer =
        window === undefined || window.isDestroyed()
          ? await dialog.showMessageBox(options)
          : await dialog.showMessageBox(window, options);
      return answer.response === RUN_BUTTON;
    } catch {
      // A box that could not be shown was not answered: nothing runs.
      return false;
    }
  };
  return {
    confirm(request) {
      const next = queue.then(() => ask(request));
      queue = next;
      return next;
    },
  };
}
