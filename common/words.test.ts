import { describe, expect, it } from 'vitest';

import { ageWords, countOf, plural } from './words.js';

describe('counts and nouns', () => {
  it('agrees a noun and a verb with the count, by Intl.PluralRules', () => {
    expect(countOf(1, 'flow')).toBe('1 flow');
    expect(countOf(0, 'flow')).toBe('0 flows');
    expect(countOf(2, 'key')).toBe('2 keys');
    expect(countOf(1, 'failed unlock attempt')).toBe('1 failed unlock attempt');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
    expect(`${countOf(1, 'flow')} ${plural(1, 'uses', 'use')} this key`).toBe(
      '1 flow uses this key',
    );
    expect(`${countOf(4, 'flow')} ${plural(4, 'uses', 'use')} this key`).toBe(
      '4 flows use this key',
    );
  });
});

describe('ageWords', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('says how long ago, by Intl.RelativeTimeFormat, in the largest whole unit', () => {
    expect(ageWords(now - 20_000, now)).toBe('now');
    expect(ageWords(now - 60_000, now)).toBe('1 minute ago');
    expect(ageWords(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(ageWords(now - 3_600_000, now)).toBe('1 hour ago');
    expect(ageWords(now - 86_400_000, now)).toBe('yesterday');
    expect(ageWords(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(ageWords(now - 400 * 86_400_000, now)).toBe('last year');
  });
});
