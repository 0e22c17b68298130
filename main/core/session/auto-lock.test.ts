import { describe, expect, it, vi } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { createAutoLock } from './auto-lock.js';

function setup(minutes = 5) {
  const clock = new FakeClock();
  const onIdle = vi.fn();
  let limit = minutes;
  const lock = createAutoLock({ clock, minutes: () => limit, onIdle });
  return { clock, onIdle, lock, setMinutes: (m: number) => (limit = m) };
}

describe('auto-lock', () => {
  it('fires once after the idle minutes', () => {
    const { clock, onIdle, lock } = setup(5);
    lock.touch();
    clock.advance(5 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1);
    expect(onIdle).toHaveBeenCalledOnce();
    clock.advance(60 * 60_000);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('restarts the countdown on activity', () => {
    const { clock, onIdle, lock } = setup(1);
    lock.touch();
    clock.advance(50_000);
    lock.touch();
    clock.advance(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(10_000);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('does nothing when set to 0 minutes', () => {
    const { clock, onIdle, lock } = setup(0);
    lock.touch();
    expect(lock.armed).toBe(false);
    clock.advance(365 * 24 * 60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('stops, and takes a new setting at the next activity', () => {
    const { clock, onIdle, lock, setMinutes } = setup(5);
    lock.touch();
    lock.stop();
    clock.advance(10 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    setMinutes(1);
    lock.touch();
    clock.advance(60_000);
    expect(onIdle).toHaveBeenCalledOnce();
    expect(clock.timerCount).toBe(0);
  });
});
