import { describe, expect, it } from 'vitest';

import { fingerprint, maskKey } from './mask.js';

describe('maskKey and fingerprint', () => {
  it('shows only the last four characters', () => {
    expect(maskKey('abcdefgh1234')).toBe('••••1234');
    expect(maskKey('abc')).toBe('••••');
  });

  it('tells keys apart without containing them', () => {
    const a = fingerprint('secret-key-one');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).toBe(fingerprint('secret-key-one'));
    expect(a).not.toBe(fingerprint('secret-key-two'));
  });
});
