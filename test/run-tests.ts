// `npm test`: the unit project, then every Flowise release the app supports, each on a real
// server this runner installs (once, into the cache), starts, and stops however the run ends,
// Ctrl+C included. 3.1.4 runs the whole `flowise` project and the Playwright e2e specs; the older
// lines run the suites that prove them (VERSION_FILES) and their e2e projects (keys, rotation). 2.2.8 runs twice: keys in api.json
// (Flowise's default) and in the database. Each run's install and test times are printed.
// A server named by FKV_FLOWISE_* replaces them all: only it is used, and the runner says so.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

import type { ApiKeyStorage, RunningFlowise } from './flowise/flowise-server.js';
import { installFlowise, startFlowise } from './flowise/flowise-server.js';
import type { FlowiseTarget, KnownFlowise } from './flowise/flowise-target.js';
import { knownFlowise, targetFromEnv, targetToEnv } from './flowise/flowise-target.js';

type Step = [name: string, command: string, args: string[], env?: Record<string, string>];

/** What proves an older line: the client contract, rotation, missing keys, and the server set-up itself. */
const VERSION_FILES = [
  'test/flowise-contract/real.contract.test.ts',
  'test/integration/rotation.real.test.ts',
  'test/integration/keys-missing.real.test.ts',
  'test/flowise/flowise-server.real.test.ts',
];
const vitestFlowise = (files: string[]): Step => [
  `vitest flowise${files.length === 0 ? '' : ` (${String(files.length)} files)`}`,
  'npx',
  ['vitest', 'run', '--project', 'flowise', ...files],
];
// 3.1.4's step builds the app and runs every spec; the older releases' projects run in their own
// steps below (FKV_E2E_OLDER_VERSIONS, test/e2e/flowise-versions.ts), on the build it made.
const E2E: Step = ['playwright e2e', 'npm', ['run', 'test:e2e'], { FKV_E2E_OLDER_VERSIONS: '' }];
const e2eOn = (version: string): Step => [
  `playwright e2e (keys and rotation specs, project harness-flowise-${version})`,
  'npx',
  [
    'playwright',
    'test',
    '-c',
    'test/e2e/playwright.config.ts',
    `--project=harness-flowise-${version}`,
  ],
  { FKV_E2E_OLDER_VERSIONS: version },
];

interface Run {
  version: string;
  apiKeyStorage?: ApiKeyStorage;
  steps: Step[];
}

const RUNS: Run[] = [
  { version: '3.1.4', steps: [vitestFlowise([]), E2E] },
  { version: '3.0.12', steps: [vitestFlowise(VERSION_FILES), e2eOn('3.0.12')] },
  { version: '2.2.8', steps: [vitestFlowise(VERSION_FILES), e2eOn('2.2.8')] },
  { version: '2.2.8', apiKeyStorage: 'db', steps: [vitestFlowise(VERSION_FILES)] },
];

const runName = (run: Run): string =>
  `Flowise ${run.version}${run.apiKeyStorage === undefined ? '' : ` (keys: ${run.apiKeyStorage})`}`;

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
const seconds = (since: number): string => `${String(Math.round((Date.now() - since) / 1000))} s`;

const results: [string, number][] = [];
const timings: string[] = [];

async function steps(
  label: string,
  target: FlowiseTarget,
  pick: (known: KnownFlowise) => Step[],
): Promise<void> {
  const known = await knownFlowise(target);
  const list = pick(known);
  say(`${label}: real Flowise ${known.version} at ${known.url}`);
  // Also under its release's own names, which the e2e projects of older releases read.
  const env = { ...process.env, ...targetToEnv(known), ...targetToEnv(known, known.version) };
  for (const [name, command, args, extra] of list) {
    if (interrupted !== undefined) return;
    say(`${label}: running ${name}`);
    const began = Date.now();
    results.push([`${label}: ${name}`, await run(command, args, { ...env, ...extra })]);
    timings.push(`${label}: ${name} took ${seconds(began)}`);
  }
}

async function realRun(spec: Run): Promise<void> {
  const label = runName(spec);
  let started: RunningFlowise | undefined;
  try {
    const installing = Date.now();
    await installFlowise({ version: spec.version });
    timings.push(`${label}: install (or cache check) took ${seconds(installing)}`);
    const starting = Date.now();
    started = await startFlowise({
      version: spec.version,
      ...(spec.apiKeyStorage === undefined ? {} : { apiKeyStorage: spec.apiKeyStorage }),
    });
    timings.push(`${label}: start and bootstrap took ${seconds(starting)}`);
    await steps(label, started, () => spec.steps);
  } catch (error) {
    // A version that cannot be installed or started fails the run; it is never skipped.
    say(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    results.push([`${label}: install and start`, 1]);
  } finally {
    if (started !== undefined) {
      say(`${label}: stopping the Flowise server`);
      await started.stop();
    }
  }
}

try {
  say('running vitest unit');
  const began = Date.now();
  results.push([
    'vitest unit',
    await run('npx', ['vitest', 'run', '--project', 'unit'], process.env),
  ]);
  timings.push(`vitest unit took ${seconds(began)}`);
  const named = targetFromEnv();
  if (named !== undefined) {
    say('FKV_FLOWISE_* names a server: only it is tested, the other Flowise versions are NOT');
    await steps('named server', named, ({ generation }) =>
      generation === '3.0.13+' ? [vitestFlowise([]), E2E] : [vitestFlowise(VERSION_FILES)],
    );
  } else {
    for (const spec of RUNS) if (interrupted === undefined) await realRun(spec);
  }
} finally {
  for (const line of timings) say(line);
}

for (const [name, code] of results) say(`${code === 0 ? 'passed' : `FAILED (${code})`}: ${name}`);
if (interrupted !== undefined) {
  say(`interrupted by ${interrupted}`);
  process.exitCode = 128 + constants.signals[interrupted];
} else {
  process.exitCode = results.some(([, code]) => code !== 0) ? 1 : 0;
}
