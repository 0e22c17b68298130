// OS signals that should lock the vault: the screen locking and the machine going to sleep.
import { powerMonitor } from 'electron';

import type { Core } from '../core/create-core.js';
import { watchLinuxScreenLock } from './linux-screen-lock.js';

export type PowerSource = Pick<Electron.PowerMonitor, 'on' | 'off'>;

export interface PowerEventOptions {
  platform?: string;
  /** Linux's screen-lock watch over D-Bus; replaced in tests. */
  linuxScreenLock?: typeof watchLinuxScreenLock;
  /** Told on Linux once it is known whether a screen lock can be seen at all. */
  onScreenLockDetectable?: (detectable: boolean) => void;
}

/** Returns a function that stops listening. */
export function watchPowerEvents(
  core: Pick<Core, 'lock' | 'settings'>,
  source: PowerSource = powerMonitor,
  options: PowerEventOptions = {},
): () => void {
  const onLockScreen = (): void => {
    if (core.settings().lockOnScreenLock) core.lock('screen');
  };
  const onSuspend = (): void => {
    if (core.settings().lockOnSleep) core.lock('sleep');
  };
  // Electron emits 'lock-screen' on macOS and Windows only; Linux's comes from D-Bus.
  source.on('lock-screen', onLockScreen);
  source.on('suspend', onSuspend);
  const platform = options.platform ?? process.platform;
  const linux =
    platform === 'linux'
      ? (options.linuxScreenLock ?? watchLinuxScreenLock)(onLockScreen, {
          ...(options.onScreenLockDetectable === undefined
            ? {}
            : { onDetectable: options.onScreenLockDetectable }),
        })
      : undefined;
  return () => {
    source.off('lock-screen', onLockScreen);
    source.off('suspend', onSuspend);
    linux?.stop();
  };
}
