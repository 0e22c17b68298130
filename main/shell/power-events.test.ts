import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Settings } from '../../common/ipc/schemas/settings.js';
import { DEFAULT_SETTINGS } from '../../common/ipc/schemas/settings.js';
import { watchPowerEvents } from './power-events.js';
import { powerMonitor, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

function fakeCore(settings: Partial<Settings> = {}) {
  return { lock: vi.fn(), settings: () => ({ ...DEFAULT_SETTINGS, ...settings }) };
}

describe('watchPowerEvents', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('locks on screen lock and on suspend when the settings say so', () => {
    const core = fakeCore();
    watchPowerEvents(core);
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(core.lock.mock.calls).toEqual([['screen'], ['sleep']]);
  });

  it('leaves the vault open when those settings are off', () => {
    const core = fakeCore({ lockOnScreenLock: false, lockOnSleep: false });
    watchPowerEvents(core);
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(core.lock).not.toHaveBeenCalled();
  });

  it('stops listening when asked', () => {
    const core = fakeCore();
    watchPowerEvents(core)();
    powerMonitor.emit('suspend');
    expect(core.lock).not.toHaveBeenCalled();
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0);
  });
});
