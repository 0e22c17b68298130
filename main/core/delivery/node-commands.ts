// Runs delivery commands with child_process.spawn and never a shell: the executable and each
// argument reach exec as they are, so no quoting, globbing or `$(...)` in a definition ever runs.
// On POSIX each step leads its own process group, so a timeout kills what it started as well.
//
// The first step's stdin on Linux: Node's 'pipe' stdio is a socket there, and kubectl
// (--from-file=K=/dev/stdin) and the AWS CLI (file:///dev/stdin) open /dev/stdin, which on Linux
// re-opens fd 0 by path: ENXIO for a socket, and a named FIFO would wait for a writer that has
// already gone. So it is a file in /dev/shm (memory, not disk), owner-only and unlinked before the
// command starts: no other process can open it, and it is gone once the command ends. Elsewhere
// (macOS opens /dev/stdin as a dup of fd 0) a plain pipe works.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { FileHandle } from 'node:fs/promises';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

import type { CommandPort, CommandRunRequest, CommandRunResult } from '../ports.js';

const posix = process.platform !== 'win32';
const SHM = '/dev/shm';

/** Keeps the first `max` bytes of a stream and drains the rest, so a chatty child never blocks. */
function collect(stream: Readable | null, max: number): () => string {
  const chunks: Buffer[] = [];
  let kept = 0;
  stream?.on('data', (chunk: Buffer) => {
    if (kept >= max) return;
    const part = chunk.subarray(0, max - kept);
    chunks.push(part);
    kept += part.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}

/** A child that exits before reading its stdin must not turn EPIPE into a crash. */
function ignoreErrors(stream: Readable | Writable | null): void {
  stream?.on('error', () => undefined);
}

function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (posix) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** `data` in an unlinked memory file, read from its start; null where there is no /dev/shm. */
async function memoryStdin(data: string): Promise<FileHandle | null> {
  if (process.platform !== 'linux') return null;
  let dir: string;
  try {
    dir = await mkdtemp(join(SHM, 'fkv-stdin-'));
  } catch {
    return null;
  }
  try {
    const handle = await open(join(dir, 'stdin'), 'wx+', 0o600);
    // At position 0, which leaves the offset the command starts reading from at 0.
    await handle.write(Buffer.from(data, 'utf8'), 0, undefined, 0);
    return handle;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Commands start in `cwd`, the home folder unless given: the app's own working folder depends on
 * how it was launched, and the confirmation must name where a command runs. */
export function createNodeCommands(
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): CommandPort {
  const cwd = options.cwd ?? homedir();
  return {
    cwd,
    async run(request: CommandRunRequest): Promise<CommandRunResult> {
      const base = options.env ?? process.env;
      const count = request.steps.length;
      const stdinFile = await memoryStdin(request.stdin);
      const exitCodes: (number | null)[] = new Array<number | null>(count).fill(null);
      const startErrors: (string | null)[] = new Array<string | null>(count).fill(null);
      let timedOut = false;
      let children: ChildProcess[];
      try {
        children = request.steps.map((step, index) =>
          spawn(step.executable, [...step.args], {
            shell: false,
            cwd,
            windowsHide: true,
            detached: posix,
            stdio: [index === 0 ? (stdinFile?.fd ?? 'pipe') : 'pipe', 'pipe', 'pipe'],
            env: index === 0 ? { ...base, ...request.env } : { ...base },
          }),
        );
      } catch (error) {
        await stdinFile?.close();
        throw error;
      }
      const stderr = children.map((child) => collect(child.stderr, request.maxOutputBytes));
      const stdout = collect(children[count - 1]?.stdout ?? null, request.maxOutputBytes);
      const result = new Promise<CommandRunResult>((resolve) => {
        let pending = count;
        const timer = setTimeout(() => {
          timedOut = true;
          for (const child of children) {
            killTree(child);
            // A grandchild outside the group may still hold a pipe; stop waiting for it.
            child.stdout?.destroy();
            child.stderr?.destroy();
          }
        }, request.timeoutMs);
        const finished = (): void => {
          pending -= 1;
          if (pending > 0) return;
          clearTimeout(timer);
          resolve({
            exitCodes,
            startErrors,
            timedOut,
            stdout: stdout(),
            stderr: stderr.map((read) => read()).join(''),
          });
        };
        children.forEach((child, index) => {
          let done = false;
          const once = (): void => {
            if (done) return;
            done = true;
            finished();
          };
          ignoreErrors(child.stdin);
          ignoreErrors(child.stdout);
          child.on('error', (error: NodeJS.ErrnoException) => {
            startErrors[index] = error.code ?? 'EFAIL';
            // The next step reads nothing from a step that never started.
            children[index + 1]?.stdin?.end();
            once();
          });
          child.on('close', (code) => {
            exitCodes[index] = code;
            once();
          });
          const next = children[index + 1];
          if (next?.stdin && child.stdout) child.stdout.pipe(next.stdin);
        });
      });
      // The command holds its own copy of the descriptor now.
      if (stdinFile === null) children[0]?.stdin?.end(request.stdin);
      else await stdinFile.close();
      return result;
    },
  };
}
