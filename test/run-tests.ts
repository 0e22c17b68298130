// `npm test`: one real Flowise server for every suite. It starts the server (or uses the one named
// by FKV_FLOWISE_*), runs the Vitest projects (unit and flowise) and the Playwright e2e specs with
// FKV_FLOWISE_* set, and stops the server however the run ends, Ctrl+C included.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

import type { RunningFlowise } from './flowise/flowise-server.js';
import { startFlowise } from './flowise/flowise-server.js';
import { pickTarget, targetFromEnv, targetToEnv } from './flowise/flowise-target.js';

const STEPS: [name: string, command: string, args: string[]][] = [
  [
    'vitest (unit + flowise)',
    'npx',
    ['vitest', 'run', '--project', 'unit', '--project', 'flowise'],
  ],
  ['playwright e2e', 'npm', ['run', 'test:e2e']],
];

let current: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;

// The children share our terminal and get Ctrl+C themselves; this also covers a signal sent to
// the runner alone. Either way the server is stopped below, after the child has ended.
function onSignal(signal: NodeJS.Signals): void {
  interrupted = signal;
  current?.kill(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    current = spawn(command, args, { env, stdio: 'inherit' });
    current.once('error', () => {
      done(127);
    });
    current.once('exit', (code, signal) => {
      current = undefined;
      done(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}

const say = (line: string): void => {
  process.stderr.write(`[npm test] ${line}\n`);
};

let started: RunningFlowise | undefined;
const results: [string, number][] = [];
try {
  let target = targetFromEnv();
  if (target === undefined) {
    say('starting a real Flowise server for all suites');
    started = await startFlowise();
    target = pickTarget(started);
  }
  say(`real Flowise at ${target.url}`);
  const env = { ...process.env, ...targetToEnv(target) };
  for (const [name, command, args] of STEPS) {
    if (interrupted !== undefined) break;
    say(`running ${name}`);
    results.push([name, await run(command, args, env)]);
  }
} finally {
  if (started !== undefined) {
    say('stopping the Flowise server');
    await started.stop();
  }
}

for (const [name, code] of results) say(`${code === 0 ? 'passed' : `FAILED (${code})`}: ${name}`);
if (interrupted !== undefined) {
  say(`interrupted by ${interrupted}`);
  process.exitCode = 128 + constants.signals[interrupted];
} else {
  process.exitCode = results.some(([, code]) => code !== 0) ? 1 : 0;
}
