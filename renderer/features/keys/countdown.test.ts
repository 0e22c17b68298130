import { describe, expect, it } from 'vitest';

import { localDeadline, secondsLeft } from './countdown.js';

describe('clipboard countdown', () => {
  it('counts to clearsAt when both clocks agree', () => {
    expect(localDeadline(31_000, 1_000, 30)).toBe(31_000);
    expect(secondsLeft(31_000, 1_000)).toBe(30);
    expect(secondsLeft(31_000, 30_001)).toBe(1);
    expect(secondsLeft(31_000, 40_000)).toBe(0);
  });

  it('falls back to the setting when main runs on another clock', () => {
    expect(localDeadline(500, 1_000, 30)).toBe(31_000);
    expect(localDeadline(14_000, 1_000, 30)).toBe(31_000);
    expect(localDeadline(30_000, 1_000, 30)).toBe(30_000);
    expect(localDeadline(900_000, 1_000, 30)).toBe(31_000);
    expect(localDeadline(900_000, 1_000, undefined)).toBe(900_000);
  });
});
