import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Settings } from '../../common/ipc/schemas/settings.js';
import { DEFAULT_SETTINGS } from '../../common/ipc/schemas/settings.js';
import type { LockSignal } from './dbus-lock-signals.js';
import type { LinuxScreenLockDeps, ScreenLockWatch } from './linux-screen-lock.js';
import { watchPowerEvents } from './power-events.js';
import { powerMonitor, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

// Electron's own events, as on macOS and Windows; no D-Bus watch is started.
const MAC = { platform: 'darwin' };

function fakeCore(settings: Partial<Settings> = {}) {
  return { lock: vi.fn(), settings: () => ({ ...DEFAULT_SETTINGS, ...settings }) };
}

describe('watchPowerEvents', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('locks on screen lock and on suspend when the settings say so', () => {
    const core = fakeCore();
    watchPowerEvents(core, undefined, MAC);
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(core.lock.mock.calls).toEqual([['screen'], ['sleep']]);
  });

  it('leaves the vault open when those settings are off', () => {
    const core = fakeCore({ lockOnScreenLock: false, lockOnSleep: false });
    watchPowerEvents(core, undefined, MAC);
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(core.lock).not.toHaveBeenCalled();
  });

  it('stops listening when asked', () => {
    const core = fakeCore();
    watchPowerEvents(core, undefined, MAC)();
    powerMonitor.emit('suspend');
    expect(core.lock).not.toHaveBeenCalled();
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0);
  });

  describe('on Linux, where Electron reports no screen lock', () => {
    function fakeLinux() {
      const seen: {
        onLock?: (signal: LockSignal) => void;
        deps?: LinuxScreenLockDeps | undefined;
      } = {};
      const stopWatch = vi.fn();
      const watch: ScreenLockWatch = { detectable: () => true, stop: stopWatch };
      const start = vi.fn((onLock: (signal: LockSignal) => void, deps?: LinuxScreenLockDeps) => {
        seen.onLock = onLock;
        seen.deps = deps;
        return watch;
      });
      return { seen, stopWatch, start };
    }

    it('locks the vault when D-Bus says the session or the screensaver locked', () => {
      const core = fakeCore();
      const linux = fakeLinux();
      watchPowerEvents(core, undefined, { platform: 'linux', linuxScreenLock: linux.start });
      linux.seen.onLock?.('session-lock');
      linux.seen.onLock?.('screensaver');
      expect(core.lock.mock.calls).toEqual([['screen'], ['screen']]);
    });

    it('leaves the vault open on a D-Bus screen lock when "lock on screen lock" is off', () => {
      const core = fakeCore({ lockOnScreenLock: false });
      const linux = fakeLinux();
      watchPowerEvents(core, undefined, { platform: 'linux', linuxScreenLock: linux.start });
      linux.seen.onLock?.('screensaver');
      expect(core.lock).not.toHaveBeenCalled();
    });

    it('passes on whether a screen lock can be detected, and stops the D-Bus watch with the rest', () => {
      const linux = fakeLinux();
      const onDetectable = vi.fn();
      const stop = watchPowerEvents(fakeCore(), undefined, {
        platform: 'linux',
        linuxScreenLock: linux.start,
        onScreenLockDetectable: onDetectable,
      });
      linux.seen.deps?.onDetectable?.(false);
      expect(onDetectable).toHaveBeenCalledWith(false);
      stop();
      expect(linux.stopWatch).toHaveBeenCalled();
    });

    it('starts no D-Bus watch on macOS or Windows', () => {
      const linux = fakeLinux();
      watchPowerEvents(fakeCore(), undefined, {
        platform: 'darwin',
        linuxScreenLock: linux.start,
      });
      watchPowerEvents(fakeCore(), undefined, {
        platform: 'win32',
        linuxScreenLock: linux.start,
      });
      expect(linux.start).not.toHaveBeenCalled();
    });
  });
});
