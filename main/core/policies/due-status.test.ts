// When a key is due: each boundary of the due / soon / ok function, and where its maximum age comes from.
import { describe, expect, it } from 'vitest';

import { ageSince, DAY_MS, dueStatus, maxAgeOf } from './due-status.js';

const NOW = Date.UTC(2026, 5, 1);
const status = (ageMs: number, maxAgeDays = 90, soonDays = 14) =>
  dueStatus({ since: NOW - ageMs, maxAgeDays, now: NOW, soonDays }).status;

describe('dueStatus', () => {
  it('is due at exactly its maximum age, and not a millisecond before', () => {
    expect(status(90 * DAY_MS)).toBe('due');
    expect(status(90 * DAY_MS - 1)).toBe('soon');
    expect(status(400 * DAY_MS)).toBe('due');
  });

  it('is soon due within the window, inclusive, and ok a millisecond before it', () => {
    expect(status(76 * DAY_MS)).toBe('soon');
    expect(status(76 * DAY_MS - 1)).toBe('ok');
    expect(status(0)).toBe('ok');
  });

  it('has no soon state with a window of 0 days', () => {
    expect(status(90 * DAY_MS - 1, 90, 0)).toBe('ok');
    expect(status(90 * DAY_MS, 90, 0)).toBe('due');
  });

  it('makes a key due at once under a 0-day policy', () => {
    expect(status(0, 0)).toBe('due');
  });

  it('says when the key falls due and how many whole days old it is', () => {
    expect(
      dueStatus({ since: NOW - 10 * DAY_MS - 5, maxAgeDays: 30, now: NOW, soonDays: 14 }),
    ).toEqual({ status: 'ok', dueAt: NOW + 20 * DAY_MS - 5, ageDays: 10 });
  });
});

describe('maxAgeOf', () => {
  const policies = {
    instances: [{ instanceId: 'i1', maxAgeDays: 60 }],
    keys: [{ instanceId: 'i1', keyId: 'k1', maxAgeDays: 30 }],
  };

  it("takes the key's own policy, else its instance's, else Settings'", () => {
    expect(maxAgeOf(policies, 90, 'i1', 'k1')).toEqual({ maxAgeDays: 30, source: 'key' });
    expect(maxAgeOf(policies, 90, 'i1', 'k2')).toEqual({ maxAgeDays: 60, source: 'instance' });
    expect(maxAgeOf(policies, 90, 'i2', 'k1')).toEqual({ maxAgeDays: 90, source: 'settings' });
  });
});

describe('ageSince', () => {
  it('counts from the later of first seen and the last rotation', () => {
    expect(ageSince(100, undefined)).toBe(100);
    expect(ageSince(100, 250)).toBe(250);
    expect(ageSince(300, 250)).toBe(300);
  });
});
