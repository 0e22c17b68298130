// Main's own question before each command a delivery target, check or rollback runs: a native
// message box, which only the person at the screen can answer (no renderer message reaches it).
// It shows exactly what will execute, in the words of main/core/delivery/command-confirm-words.ts.
import type { BrowserWindow, MessageBoxOptions } from 'electron';
import { dialog } from 'electron';

import { confirmDetailLines, confirmQuestion } from '../core/delivery/command-confirm-words.js';
import type { CommandConfirmPort, CommandConfirmRequest } from '../core/ports.js';

/** The button that runs the command; Cancel is 0, the default, so Enter or Esc runs nothing. */
export const RUN_BUTTON = 1;

export function confirmationOptions(request: CommandConfirmRequest): MessageBoxOptions {
  const detail = confirmDetailLines(request).join('\n');
  return {
    type: 'warning',
    title: 'Run a command',
    message: confirmQuestion(request),
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
