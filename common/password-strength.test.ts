import { describe, expect, it } from 'vitest';

import { effectiveLength, estimateStrength, isCommonPassword } from './password-strength.js';

const label = (password: string): string => estimateStrength(password).label;

describe('estimateStrength', () => {
  it('calls an empty or short password weak and says why', () => {
    expect(label('')).toBe('weak');
    expect(label('short')).toBe('weak');
    expect(estimateStrength('Xq7#z').tip).toMatch(/at least 8 characters/);
  });

  it('calls very common passwords weak, even decorated', () => {
    for (const password of ['password', 'Password123!', 'P@ssw0rd', 'qwertyuiop', '12345678']) {
      expect(label(password), password).toBe('weak');
    }
    expect(estimateStrength('Password123!').tip).toMatch(/most common/);
  });

  it('sees through repeats and sequences', () => {
    expect(label('aaaaaaaaaaaaaaaa')).toBe('weak');
    expect(label('abcdefghijklmnop')).toBe('weak');
    expect(label('9876543210zyxwvu')).toBe('weak');
    expect(label('xk9xk9xk9xk9xk9')).toBe('weak');
    expect(estimateStrength('aaaaaaaabbbbbbbb').tip).toMatch(/repeated/);
  });

  it('rewards length and character classes', () => {
    expect(label('mfkqzvtr')).toBe('weak');
    expect(label('mfkqzvtrwp')).toBe('fair');
    expect(label('mfkq7Zvt#rw')).toBe('good');
    expect(label('correct horse battery staple 7')).toBe('strong');
    expect(label('Tr0ub4dour&3-kettle-Lamp')).toBe('strong');
  });

  it('grows monotonically as a random password grows', () => {
    const base = 'q7Zv#mK2xP9w!rT4';
    let last = -1;
    for (let n = 1; n <= base.length; n++) {
      const { score } = estimateStrength(base.slice(0, n));
      expect(score).toBeGreaterThanOrEqual(last);
      last = score;
    }
    expect(last).toBe(3);
  });

  it('counts characters outside the BMP once', () => {
    expect(estimateStrength('🔑🔑🔑🔑').tip).toMatch(/at least 8/);
  });
});

describe('helpers', () => {
  it('effectiveLength ignores repeats, runs and repeated chunks', () => {
    expect(effectiveLength('abc')).toBe(2);
    expect(effectiveLength('aaaa')).toBe(1);
    expect(effectiveLength('a1b2')).toBe(4);
    expect(effectiveLength('abcabcabc')).toBe(3);
  });

  it('isCommonPassword knows the usual suspects only', () => {
    expect(isCommonPassword('letmein')).toBe(true);
    expect(isCommonPassword('L3tm31n')).toBe(true);
    expect(isCommonPassword('letmein please, kettle')).toBe(false);
  });
});
