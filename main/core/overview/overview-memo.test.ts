import { describe, expect, it } from 'vitest';

import { createOverviewMemo } from './overview-memo.js';

describe('the Overview memo', () => {
  it('reads the facts again when any input is another object or value', () => {
    const memo = createOverviewMemo();
    const revision = {};
    const first = memo.facts([revision, 'settings'], () => ({ n: 1 }));
    expect(memo.facts([revision, 'settings'], () => ({ n: 2 }))).toBe(first);
    expect(memo.facts([{}, 'settings'], () => ({ n: 3 }))).toEqual({ n: 3 });
    expect(memo.facts([revision, 'other'], () => ({ n: 4 }))).toEqual({ n: 4 });
  });
});
