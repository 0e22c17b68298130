// OS signals that should lock the vault: the screen locking and the machine going to sleep.
import { powerMonitor } from 'electron';

import type { Core } from '../core/create-core.js';

export type PowerSource = Pick<Electron.PowerMonitor, 'on' | 'off'>;

/** Returns a function that stops listening. */
export function watchPowerEvents(
  core: Pick<Core, 'lock' | 'settings'>,
  source: PowerSource = powerMonitor,
): () => void {
  // Electron emits 'lock-screen' on macOS and Windows only; Linux screen locks are not seen here
  // (the idle timer still locks the vault there).
  const onLockScreen = (): void => {
    if (core.settings().lockOnScreenLock) core.lock('screen');
  };
  const onSuspend = (): void => {
    if (core.settings().lockOnSleep) core.lock('sleep');
  };
  source.on('lock-screen', onLockScreen);
  source.on('suspend', onSuspend);
  return () => {
    source.off('lock-screen', onLockScreen);
    source.off('suspend', onSuspend);
  };
}
