import { describe, expect, it } from 'vitest';

import type { KeySummary } from './ipc/schemas/keys.js';
import { DEFAULT_QUERY, formatDay, selectKeys } from './key-list.js';

const key = (keyName: string, firstSeenAt: number, flows = 0): KeySummary => ({
  id: keyName,
  instanceId: 'i',
  keyName,
  masked: '••••abcd',
  fingerprint: '0'.repeat(16),
  boundFlows: Array.from({ length: flows }, (_, n) => ({
    id: `${keyName}-${String(n)}`,
    name: `flow ${String(n)}`,
    type: 'CHATFLOW' as const,
  })),
  firstSeenAt,
  createdHere: false,
  copyable: true,
});

const keys = [key('beta', 2, 1), key('Alpha', 1), key('gamma 10', 3, 2), key('gamma 9', 3)];
const names = (list: KeySummary[]) => list.map((k) => k.keyName);

describe('selectKeys', () => {
  it('sorts by name without regard to case, numbers in order', () => {
    expect(names(selectKeys(keys, DEFAULT_QUERY))).toEqual([
      'Alpha',
      'beta',
      'gamma 9',
      'gamma 10',
    ]);
  });

  it('sorts newest first, and by usage most flows first', () => {
    expect(names(selectKeys(keys, { ...DEFAULT_QUERY, sort: 'firstSeen' }))).toEqual([
      'gamma 9',
      'gamma 10',
      'beta',
      'Alpha',
    ]);
    expect(names(selectKeys(keys, { ...DEFAULT_QUERY, sort: 'usage' }))).toEqual([
      'gamma 10',
      'beta',
      'Alpha',
      'gamma 9',
    ]);
  });

  it('searches names in any case and keeps only unused keys on request', () => {
    expect(names(selectKeys(keys, { ...DEFAULT_QUERY, text: ' GAMMA ' }))).toEqual([
      'gamma 9',
      'gamma 10',
    ]);
    expect(names(selectKeys(keys, { ...DEFAULT_QUERY, unusedOnly: true }))).toEqual([
      'Alpha',
      'gamma 9',
    ]);
  });

  it('keeps broad keys, or keys older than some days, on request', () => {
    const day = 86_400_000;
    const list = [
      key('full', 0),
      { ...key('manager', 10 * day), permissions: ['apikeys:view', 'apikeys:create'] },
      { ...key('cleaner', 20 * day), permissions: ['chatflows:view', 'chatflows:delete'] },
      { ...key('viewer', 29 * day), permissions: ['apikeys:view', 'chatflows:view'] },
    ];
    expect(names(selectKeys(list, { ...DEFAULT_QUERY, broadOnly: true }))).toEqual([
      'cleaner',
      'full',
      'manager',
    ]);
    expect(names(selectKeys(list, { ...DEFAULT_QUERY, olderThanDays: 15 }, 30 * day))).toEqual([
      'full',
      'manager',
    ]);
  });

  it('leaves the given list alone', () => {
    const copy = [...keys];
    selectKeys(keys, { ...DEFAULT_QUERY, sort: 'usage' });
    expect(keys).toEqual(copy);
  });

  it('filters 10,000 keys quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, n) => key(`key-${String(n)}`, n));
    const started = performance.now();
    for (const text of ['k', 'ke', 'key', 'key-', 'key-9', 'key-99']) {
      selectKeys(many, { ...DEFAULT_QUERY, text });
    }
    expect(selectKeys(many, { ...DEFAULT_QUERY, text: 'key-999' })).toHaveLength(11);
    // Generous: a slow shared machine, six keystrokes.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('formatDay', () => {
  it('writes the UTC day', () => {
    expect(formatDay(Date.UTC(2026, 0, 2, 23, 59))).toBe('2026-01-02');
  });
});
