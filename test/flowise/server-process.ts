// A server child in its own process group, so that stopping it also stops whatever it spawned,
// and a Ctrl+C meant for the test runner does not kill it before the runner has cleaned up.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
  pid: number;
  exited(): boolean;
  /** Resolves once GET `url` answers 2xx; rejects if the child exits or time runs out. */
  waitUntilAnswering(url: string, timeoutMs: number): Promise<void>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Runs, synchronously, when the host process dies without calling stop(). */
  onAbandon?: () => void;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const address = server.address();
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no port was assigned');
  return address.port;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function spawnServer(options: SpawnOptions): ServerProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  // A failed spawn reports through 'error' as well as through the missing pid; only the pid counts.
  child.on('error', () => undefined);
  const { pid } = child;
  if (pid === undefined) throw new Error(`could not start ${options.command}`);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
  });
  const abandon = watchHost(() => {
    signalGroup(pid, 'SIGKILL');
    options.onAbandon?.();
  });

  return {
    pid,
    exited: () => exitCode !== undefined,
    async waitUntilAnswering(url, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exitCode !== undefined) throw new Error(`the server exited (code ${String(exitCode)})`);
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
          if (response.ok) return;
        } catch {
          // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
        await sleep(250);
      }
    },
    async stop(graceMs = 30_000) {
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
      const killDeadline = Date.now() + 10_000;
      while (groupAlive(pid) && Date.now() < killDeadline) await sleep(50);
      abandon.cancel();
      if (groupAlive(pid)) throw new Error(`process group ${pid} survived SIGKILL`);
    },
  };
}

/**
 * The servers live in their own groups, so nothing kills them when the host ends without stop():
 * an uncaught error, process.exit(), or a signal nobody handles. Then this does. A signal that has
 * other listeners is theirs to handle (they stop the servers or exit, which lands here too).
 */
const orphans = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function killOrphans(): void {
  for (const kill of orphans) kill();
  orphans.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killOrphans();
  unwatch();
  process.kill(process.pid, signal);
}

function unwatch(): void {
  process.removeListener('exit', killOrphans);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

function watchHost(onDeath: () => void): { cancel(): void } {
  if (orphans.size === 0) {
    process.on('exit', killOrphans);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  orphans.add(onDeath);
  return {
    cancel() {
      orphans.delete(onDeath);
      if (orphans.size === 0) unwatch();
    },
  };
}
