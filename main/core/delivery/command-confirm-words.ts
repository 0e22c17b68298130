// The words a person reads before a command runs, the same in the desktop app's native box
// (main/shell/command-confirm-dialog.ts) and on fkv's terminal (main/cli/command-confirm.ts):
// each program with each argument as it is passed (no shell parses them), the folder it starts
// in, how the key reaches it, and the time limit.
import type { CommandConfirmRequest } from '../ports.js';

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

/** The question: what the run is for, naming the key, its instance and the target. */
export const confirmQuestion = (request: CommandConfirmRequest): string =>
  PURPOSE[request.purpose](request);

/** Exactly what will execute, one line each. */
export function confirmDetailLines(request: CommandConfirmRequest): string[] {
  const count = request.steps.length;
  return [
    'This will run, without a shell, exactly:',
    ...request.steps.flatMap((step, i) => stepLines(step, i, count)),
    `In the folder: ${request.cwd}`,
    `The key: ${request.keyInput} (never in the arguments)`,
    `Stopped after ${String(request.timeoutSeconds)} s.`,
  ];
}
