import { readFile, readlink, writeFile } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CommandPipeline } from '../../../common/ipc/schemas/delivery.js';
import { describePipeline, runCommandTarget, scrubSecret, SCRUBBED } from './command-target.js';
import { createNodeCommands } from './node-commands.js';
import { createStandIns } from './testing/stand-ins.js';
import type { StandIns } from './testing/stand-ins.js';

const KEY = 'fk-new-KEY_0123456789abcdef';
const posix = process.platform !== 'win32';

let standIns: StandIns;
beforeEach(async () => {
  standIns = await createStandIns();
});
afterEach(async () => {
  await standIns.remove();
});

const one = (executable: string, args: string[] = []): CommandPipeline['steps'] => [
  { executable, args },
];

describe.runIf(posix)('runCommandTarget', () => {
  // The stand-in tells its pid through one fifo, then waits on another until the test has read
  // /proc/<pid>: no timing guesses, the process is alive while its argv is read.
  async function argvWhileRunning(pipeline: CommandPipeline): Promise<{
    cmdline: string;
    environ: string;
    stdinLink: string;
    stdin: string;
  }> {
    const pidFifo = standIns.fifo('pid');
    const goFifo = standIns.fifo('go');
    await standIns.add(
      'deliver-probe',
      `echo $$ > "${pidFifo}"\nread go < "${goFifo}"\ncat > "$RECORD_FILE.stdin"`,
    );
    const running = runCommandTarget(createNodeCommands({ env: standIns.env }), pipeline, KEY);
    const pid = (await readFile(pidFifo, 'utf8')).trim();
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    const stdinLink = await readlink(`/proc/${pid}/fd/0`);
    await writeFile(goFifo, 'go\n');
    const outcome = await running;
    expect(outcome.ok).toBe(true);
    const [record] = await standIns.recorded();
    return { cmdline, environ, stdinLink, stdin: record?.stdin ?? '' };
  }

  it('gives the key on stdin, never in argv: /proc/<pid>/cmdline read while the command runs', async () => {
    const seen = await argvWhileRunning({
      steps: one('deliver-probe', ['--secret-id', 'prod/chat']),
      key: { via: 'stdin' },
      timeoutSeconds: 30,
    });
    expect(seen.cmdline).toContain('--secret-id\0prod/chat');
    expect(seen.cmdline).not.toContain(KEY);
    expect(seen.environ).not.toContain(KEY);
    expect(seen.stdin).toBe(KEY);
    // On Linux: a memory file no other process can open any more, which /dev/stdin re-opens.
    if (process.platform === 'linux') expect(seen.stdinLink).toMatch(/^\/dev\/shm\/.*\(deleted\)$/);
  });

  it('gives the key in the named environment variable, never in argv or on stdin', async () => {
    const seen = await argvWhileRunning({
      steps: one('deliver-probe'),
      key: { via: 'env', name: 'APP_FLOWISE_KEY' },
      timeoutSeconds: 30,
    });
    expect(seen.cmdline).not.toContain(KEY);
    expect(seen.environ.split('\0')).toContain(`APP_FLOWISE_KEY=${KEY}`);
    expect(seen.stdin).toBe('');
  });

  it('stops a command at its timeout, with what it started, and says so', async () => {
    // `sleep` runs as the script's child: only a kill of the whole group ends the run.
    await standIns.add('hangs', 'sleep 600');
    const outcome = await runCommandTarget(
      createNodeCommands({ env: standIns.env }),
      { steps: one('hangs', ['--flag']), key: { via: 'stdin' }, timeoutSeconds: 1 },
      KEY,
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.problem).toBe('hangs --flag did not finish within 1 s and was stopped.');
  });

  it('keeps stdout and stderr with the key scrubbed, as is and base64-encoded', async () => {
    await standIns.add(
      'chatty',
      'v=$(cat)\necho "stored $v"\necho "data: $(printf %s "$v" | base64 -w0)"\necho "warn $v" >&2\nexit 3',
    );
    const outcome = await runCommandTarget(
      createNodeCommands({ env: standIns.env }),
      { steps: one('chatty'), key: { via: 'stdin' }, timeoutSeconds: 30 },
      KEY,
    );
    expect(outcome).toEqual({
      ok: false,
      problem: 'chatty exited with code 3.',
      exitCodes: [3],
      stdout: `stored ${SCRUBBED}\ndata: ${SCRUBBED}\n`,
      stderr: `warn ${SCRUBBED}\n`,
    });
  });

  it('pipes one step into the next without a shell; shell syntax in an argument stays text', async () => {
    await standIns.addRecorder('first', { echo: true });
    await standIns.addRecorder('second');
    const outcome = await runCommandTarget(
      createNodeCommands({ env: standIns.env }),
      {
        steps: [
          { executable: 'first', args: ['$(touch pwned)', '|', 'x;y'] },
          { executable: 'second', args: ['-f', '-'] },
        ],
        key: { via: 'stdin' },
        timeoutSeconds: 30,
      },
      KEY,
    );
    expect(outcome.ok).toBe(true);
    const recorded = await standIns.recorded();
    const first = recorded.find((r) => r.name === 'first');
    const second = recorded.find((r) => r.name === 'second');
    expect(first).toEqual({ name: 'first', argv: ['$(touch pwned)', '|', 'x;y'], stdin: KEY });
    expect(second).toEqual({ name: 'second', argv: ['-f', '-'], stdin: KEY });
  });

  it('names a step that is not on PATH, and refuses a definition that holds the key in argv', async () => {
    const commands = createNodeCommands({ env: standIns.env });
    const missing = await runCommandTarget(
      commands,
      { steps: one('no-such-tool-fkv'), key: { via: 'stdin' }, timeoutSeconds: 30 },
      KEY,
    );
    expect(missing.problem).toBe('no-such-tool-fkv did not run: it was not found (ENOENT).');
    await standIns.addRecorder('leaky');
    const leaky = await runCommandTarget(
      commands,
      { steps: one('leaky', [`--value=${KEY}`]), key: { via: 'stdin' }, timeoutSeconds: 30 },
      KEY,
    );
    expect(leaky.ok).toBe(false);
    expect(await standIns.recorded()).toEqual([]);
  });
});

describe('describePipeline', () => {
  it('shows every argument and where the key goes, exactly as it will run', () => {
    expect(
      describePipeline({
        steps: [
          { executable: 'kubectl', args: ['create', 'secret', 'generic', 'my app'] },
          { executable: 'kubectl', args: ['apply', '-f', '-'] },
        ],
        key: { via: 'env', name: 'TOKEN' },
        timeoutSeconds: 20,
      }),
    ).toBe(
      "kubectl create secret generic 'my app' | kubectl apply -f -  (the new key in the environment variable TOKEN; stopped after 20 s)",
    );
  });
});

describe('scrubSecret', () => {
  it('replaces every occurrence, leaving other text alone', () => {
    expect(scrubSecret(`a ${KEY} b ${KEY}`, KEY)).toBe(`a ${SCRUBBED} b ${SCRUBBED}`);
    expect(scrubSecret('nothing here', KEY)).toBe('nothing here');
  });
});
