// Locks the vault after N minutes without activity. Activity is any call from the renderer plus
// explicit keyboard/pointer pings, so reading a long list still counts as being there.
import type { Clock, TimerHandle } from '../ports.js';

export interface AutoLockOptions {
  clock: Clock;
  /** Read on every re-arm, so a settings change applies at the next activity. */
  minutes: () => number;
  onIdle: () => void;
}

export interface AutoLock {
  /** Starts (or restarts) the countdown; call when the vault unlocks and on every activity. */
  touch(): void;
  stop(): void;
  readonly armed: boolean;
}

export function createAutoLock({ clock, minutes, onIdle }: AutoLockOptions): AutoLock {
  let timer: TimerHandle | undefined;
  const stop = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  return {
    touch() {
      stop();
      const limit = minutes();
      if (limit <= 0) return;
      timer = clock.setTimeout(() => {
        timer = undefined;
        onIdle();
      }, limit * 60_000);
    },
    stop,
    get armed() {
      return timer !== undefined;
    },
  };
}
