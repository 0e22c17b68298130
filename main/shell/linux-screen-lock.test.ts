import { execFileSync, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { LockSignal } from './dbus-lock-signals.js';
import type { ScreenLockWatch } from './linux-screen-lock.js';
import { watchLinuxScreenLock } from './linux-screen-lock.js';

class FakeMonitor extends EventEmitter {
  readonly stdout = new PassThrough();
  killed = false;
  constructor(readonly args: readonly string[]) {
    super();
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', null, 'SIGTERM');
    return true;
  }
  print(line: string): void {
    this.stdout.write(`${line}\n`);
  }
}

const NAME_ACQUIRED =
  'signal time=1.0 sender=org.freedesktop.DBus -> destination=:1.0 serial=2 path=/org/freedesktop/DBus; interface=org.freedesktop.DBus; member=NameAcquired';
const ACTIVE_CHANGED =
  'signal time=1.1 sender=:1.1 -> destination=(null destination) serial=2 path=/org/freedesktop/ScreenSaver; interface=org.freedesktop.ScreenSaver; member=ActiveChanged';
const LOCK_2 =
  'signal time=1.2 sender=:1.3 -> destination=(null destination) serial=7 path=/org/freedesktop/login1/session/_32; interface=org.freedesktop.login1.Session; member=Lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

function fakeSetup(env: NodeJS.ProcessEnv = { XDG_SESSION_ID: '2' }, reply?: string) {
  const monitors: FakeMonitor[] = [];
  const locks: LockSignal[] = [];
  const detectable = vi.fn();
  const run = vi.fn(() => Promise.resolve(reply));
  const watch = watchLinuxScreenLock((signal) => locks.push(signal), {
    env,
    pid: 4242,
    run,
    spawn: (_command, args) => {
      const monitor = new FakeMonitor(args);
      monitors.push(monitor);
      return monitor as unknown as ChildProcess;
    },
    onDetectable: detectable,
  });
  return { monitors, locks, detectable, run, watch };
}

describe('watchLinuxScreenLock with a fake bus', () => {
  it('watches the screensavers on the session bus and our logind session on the system bus', async () => {
    const { monitors, locks, watch } = fakeSetup();
    await tick();
    const [session, system] = monitors;
    expect(session?.args[0]).toBe('--session');
    expect(system?.args).toEqual([
      '--system',
      "type='signal',interface='org.freedesktop.login1.Session',member='Lock',path='/org/freedesktop/login1/session/_32'",
    ]);
    session?.print(ACTIVE_CHANGED);
    session?.print('   boolean true');
    system?.print(LOCK_2);
    await tick();
    expect(locks).toEqual(['screensaver', 'session-lock']);
    watch.stop();
    expect(monitors.every((m) => m.killed)).toBe(true);
  });

  it('asks logind for our session by pid when XDG_SESSION_ID is not set', async () => {
    const { monitors, run } = fakeSetup(
      {},
      'method return\n   object path "/org/freedesktop/login1/session/c7"\n',
    );
    await tick();
    expect(run).toHaveBeenCalledWith(
      'dbus-send',
      expect.arrayContaining(['org.freedesktop.login1.Manager.GetSessionByPID', 'uint32:4242']),
    );
    expect(monitors[1]?.args.at(-1)).toContain("path='/org/freedesktop/login1/session/c7'");
  });

  it('is detectable once one monitor is connected, even if the other bus is missing', async () => {
    const { monitors, detectable, watch } = fakeSetup();
    await tick();
    expect(watch.detectable()).toBeUndefined();
    monitors[1]?.emit('exit', 1, null);
    monitors[0]?.print(NAME_ACQUIRED);
    await tick();
    expect(watch.detectable()).toBe(true);
    expect(detectable.mock.calls).toEqual([[true]]);
  });

  it('says a screen lock cannot be detected when neither bus can be watched', async () => {
    const { monitors, detectable, watch } = fakeSetup();
    await tick();
    monitors[0]?.emit(
      'error',
      Object.assign(new Error('spawn dbus-monitor ENOENT'), { code: 'ENOENT' }),
    );
    monitors[1]?.emit('exit', 1, null);
    await tick();
    expect(watch.detectable()).toBe(false);
    expect(detectable.mock.calls).toEqual([[false]]);
  });

  it('reports nothing after it was stopped', async () => {
    const { monitors, locks, watch } = fakeSetup();
    await tick();
    watch.stop();
    monitors[0]?.print(ACTIVE_CHANGED);
    monitors[0]?.print('   boolean true');
    await tick();
    expect(locks).toEqual([]);
  });
});

// A private session bus, started here. Needs dbus-daemon, dbus-monitor and dbus-send.
const hasDbus = ['dbus-daemon', 'dbus-monitor', 'dbus-send'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);
const NO_BUS = 'unix:path=/nonexistent/fkv-no-bus';

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!hasDbus)(
  'watchLinuxScreenLock on a real private D-Bus session bus (skipped only when dbus-daemon, dbus-monitor or dbus-send is not installed)',
  () => {
    let address = '';
    let daemonPid = 0;
    const watches: ScreenLockWatch[] = [];

    beforeAll(() => {
      const out = execFileSync(
        'dbus-daemon',
        ['--session', '--fork', '--print-address=1', '--print-pid=1', '--nopidfile'],
        { encoding: 'utf8' },
      );
      const [addressLine, pidLine] = out.trim().split('\n');
      address = addressLine ?? '';
      daemonPid = Number(pidLine);
    });

    afterAll(() => {
      for (const watch of watches) watch.stop();
      if (daemonPid > 0) process.kill(daemonPid);
    });

    it('locks when the session bus says the screensaver turned on', async () => {
      const locks: LockSignal[] = [];
      const watch = watchLinuxScreenLock((signal) => locks.push(signal), {
        env: {},
        sessionBusAddress: address,
        systemBusAddress: NO_BUS,
      });
      watches.push(watch);
      await until(() => watch.detectable() === true);
      execFileSync('dbus-send', [
        `--bus=${address}`,
        '--type=signal',
        '/org/freedesktop/ScreenSaver',
        'org.freedesktop.ScreenSaver.ActiveChanged',
        'boolean:false',
      ]);
      execFileSync('dbus-send', [
        `--bus=${address}`,
        '--type=signal',
        '/org/freedesktop/ScreenSaver',
        'org.freedesktop.ScreenSaver.ActiveChanged',
        'boolean:true',
      ]);
      await until(() => locks.length > 0);
      expect(locks).toEqual(['screensaver']);
    });

    it('says a screen lock cannot be detected when no bus answers', async () => {
      const detectable = vi.fn();
      const watch = watchLinuxScreenLock(() => undefined, {
        env: {},
        sessionBusAddress: NO_BUS,
        systemBusAddress: NO_BUS,
        onDetectable: detectable,
      });
      watches.push(watch);
      await until(() => watch.detectable() === false);
      expect(detectable.mock.calls).toEqual([[false]]);
    });
  },
);
