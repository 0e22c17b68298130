// Linux screen-lock detection. Electron's 'lock-screen' fires on macOS and Windows only, so here
// two `dbus-monitor` processes (dbus-bin, present wherever D-Bus is) watch the system bus for
// logind's Session.Lock and the session bus for ScreenSaver ActiveChanged(true). No D-Bus
// library: the lines they print are read by dbus-lock-signals.ts.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

import type { LockSignal } from './dbus-lock-signals.js';
import {
  SCREENSAVER_RULES,
  createLockSignalReader,
  loginSessionPath,
  parseObjectPathReply,
  sessionLockRule,
} from './dbus-lock-signals.js';

export type Spawn = (command: string, args: readonly string[]) => ChildProcess;
/** Runs a command to completion; resolves with its stdout, or undefined when it failed. */
export type Run = (command: string, args: readonly string[]) => Promise<string | undefined>;

export interface LinuxScreenLockDeps {
  spawn?: Spawn;
  run?: Run;
  env?: NodeJS.ProcessEnv;
  pid?: number;
  /** Bus addresses instead of the usual system and session buses; tests use a private bus. */
  systemBusAddress?: string;
  sessionBusAddress?: string;
  /** Told whenever it becomes known whether a lock can be seen at all. */
  onDetectable?: (detectable: boolean) => void;
}

export interface ScreenLockWatch {
  /** true once a monitor is connected; false when none could; undefined while starting. */
  detectable(): boolean | undefined;
  stop(): void;
}

const defaultSpawn: Spawn = (command, args) =>
  spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });

const defaultRun: Run = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 5_000 }, (error, stdout) => {
      resolve(error === null ? stdout : undefined);
    });
  });

/** Our logind session: XDG_SESSION_ID when set, else asked of logind for our pid. */
async function findSessionPath(deps: {
  run: Run;
  pid: number;
  env: NodeJS.ProcessEnv;
  address: string | undefined;
}): Promise<string | undefined> {
  const id = deps.env['XDG_SESSION_ID'];
  if (id !== undefined && id !== '') return loginSessionPath(id);
  const reply = await deps.run('dbus-send', [
    deps.address === undefined ? '--system' : `--bus=${deps.address}`,
    '--print-reply',
    '--dest=org.freedesktop.login1',
    '/org/freedesktop/login1',
    'org.freedesktop.login1.Manager.GetSessionByPID',
    `uint32:${deps.pid}`,
  ]);
  return reply === undefined ? undefined : parseObjectPathReply(reply);
}

type MonitorState = 'starting' | 'up' | 'down';

export function watchLinuxScreenLock(
  onLock: (signal: LockSignal) => void,
  deps: LinuxScreenLockDeps = {},
): ScreenLockWatch {
  const spawnMonitor = deps.spawn ?? defaultSpawn;
  // dbus-monitor's own spelling of "which bus".
  const systemBus =
    deps.systemBusAddress === undefined ? ['--system'] : ['--address', deps.systemBusAddress];
  const sessionBus =
    deps.sessionBusAddress === undefined ? ['--session'] : ['--address', deps.sessionBusAddress];
  const states: MonitorState[] = [];
  const children: ChildProcess[] = [];
  let stopped = false;
  let told: boolean | undefined;

  function detectable(): boolean | undefined {
    if (states.includes('up')) return true;
    if (states.length === 2 && states.every((s) => s === 'down')) return false;
    return undefined;
  }

  function settle(): void {
    const now = detectable();
    if (now === undefined || now === told || stopped) return;
    told = now;
    deps.onDetectable?.(now);
  }

  function monitor(bus: readonly string[], rules: readonly string[], sessionPath?: string): void {
    const index = states.push('starting') - 1;
    const mark = (state: MonitorState): void => {
      if (states[index] === 'down') return;
      states[index] = state;
      settle();
    };
    let child: ChildProcess;
    try {
      child = spawnMonitor('dbus-monitor', [...bus, ...rules]);
    } catch {
      mark('down');
      return;
    }
    children.push(child);
    child.on('error', () => {
      mark('down');
    });
    child.on('exit', () => {
      mark('down');
    });
    if (child.stdout === null) {
      mark('down');
      return;
    }
    const read = createLockSignalReader(onLock, sessionPath);
    // dbus-monitor prints its own NameAcquired as soon as it is connected: that is "up".
    createInterface({ input: child.stdout }).on('line', (line) => {
      mark('up');
      if (!stopped) read(line);
    });
  }

  monitor(sessionBus, SCREENSAVER_RULES);
  void findSessionPath({
    run: deps.run ?? defaultRun,
    pid: deps.pid ?? process.pid,
    env: deps.env ?? process.env,
    address: deps.systemBusAddress,
  }).then((sessionPath) => {
    if (!stopped) monitor(systemBus, [sessionLockRule(sessionPath)], sessionPath);
  });

  return {
    detectable,
    stop() {
      stopped = true;
      for (const child of children) child.kill();
    },
  };
}
