import { describe, expect, it } from 'vitest';

import { createOverviewMemo } from './overview-memo.js';

describe('the Overview memo', () => {
  it('keeps a catalog per name, but neither a failed read nor one that found none', async () => {
    const memo = createOverviewMemo();
    let reads = 0;
    const read =
      <T>(value: T, fail = false) =>
      (): Promise<T> => {
        reads += 1;
        return fail ? Promise.reject(new Error('down')) : Promise.resolve(value);
      };
    expect(await memo.catalog('a', read(['chatflows:view']))).toEqual(['chatflows:view']);
    expect(await memo.catalog('a', read(['other']))).toEqual(['chatflows:view']);
    expect(reads).toBe(1);
    await memo.catalog('b', read(undefined));
    expect(await memo.catalog('b', read(['now readable']))).toEqual(['now readable']);
    await expect(memo.catalog('c', read(undefined, true))).rejects.toThrow('down');
    expect(await memo.catalog('c', read(['up again']))).toEqual(['up again']);
    expect(reads).toBe(5);
    memo.clear();
    await memo.catalog('a', read(['after a lock']));
    expect(reads).toBe(6);
  });

  it('reads the facts again when any input is another object or value', () => {
    const memo = createOverviewMemo();
    const revision = {};
    const first = memo.facts([revision, 'settings'], () => ({ n: 1 }));
    expect(memo.facts([revision, 'settings'], () => ({ n: 2 }))).toBe(first);
    expect(memo.facts([{}, 'settings'], () => ({ n: 3 }))).toEqual({ n: 3 });
    expect(memo.facts([revision, 'other'], () => ({ n: 4 }))).toEqual({ n: 4 });
  });
});
