import type { Clock, TimerHandle } from './ports.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // A pending auto-lock must never keep the process alive on quit.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle: TimerHandle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
