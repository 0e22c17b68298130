// The harness's stand-in for main's native "Run a command" box (main/shell/command-confirm-dialog.ts):
// the test process answers it directly, in memory. Nothing the page sends can reach it, as no
// renderer message can reach the real box either. Unanswered, it says no.
import type { CommandConfirmPort, CommandConfirmRequest } from '../../main/core/ports.js';

export interface HarnessConfirmations extends CommandConfirmPort {
  /** Every box main would have shown, in order. */
  readonly asked: CommandConfirmRequest[];
  /** The person's answer to the next boxes; false (Cancel) until a test sets it. */
  answer: boolean | ((request: CommandConfirmRequest) => boolean);
}

export function createHarnessConfirmations(): HarnessConfirmations {
  const confirmations: HarnessConfirmations = {
    asked: [],
    answer: false,
    confirm(request) {
      confirmations.asked.push(request);
      const { answer } = confirmations;
      return Promise.resolve(typeof answer === 'function' ? answer(request) : answer);
    },
  };
  return confirmations;
}
