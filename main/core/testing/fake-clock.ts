// A clock that only moves when told to, so timers (auto-lock, clipboard clearing) are tested
// without sleeping.
import type { Clock, TimerHandle } from '../ports.js';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly pending = new Map<object, Pending>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = {};
    this.pending.set(handle, { at: this.current + Math.max(0, ms), seq: this.seq++, callback });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle);
  }

  get timerCount(): number {
    return this.pending.size;
  }

  /** Moves time forward, firing due timers in order, including ones they schedule. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: [object, Pending] | undefined;
      for (const entry of this.pending) {
        if (entry[1].at > target) continue;
        if (
          next === undefined ||
          entry[1].at < next[1].at ||
          (entry[1].at === next[1].at && entry[1].seq < next[1].seq)
        )
          next = entry;
      }
      if (next === undefined) break;
      this.pending.delete(next[0]);
      this.current = Math.max(this.current, next[1].at);
      next[1].callback();
    }
    this.current = target;
  }
}
