import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { deepFreeze } from '../../deep-freeze.js';
import { listCheckedOnce } from './checked-once.js';

const Item = z.object({ id: z.string() });

describe('a list checked once', () => {
  it('gives the same frozen output for the same frozen list, without the fields it does not name', () => {
    const schema = listCheckedOnce(Item);
    const list = deepFreeze([{ id: 'a', secret: 'x' }]);
    const first = schema.parse(list);
    expect(first).toEqual([{ id: 'a' }]);
    expect(schema.parse(list)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('checks a list that could still change every time', () => {
    const schema = listCheckedOnce(Item);
    const list: { id: unknown }[] = [{ id: 'a' }];
    const first = schema.parse(list);
    expect(schema.parse(list)).not.toBe(first);
    list[0] = { id: 1 };
    expect(schema.safeParse(list).success).toBe(false);
  });

  it('refuses what is not a list of items, naming where', () => {
    const result = listCheckedOnce(Item).safeParse(deepFreeze([{ id: 'a' }, { id: 2 }]));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([1, 'id']);
    expect(listCheckedOnce(Item).safeParse('no').success).toBe(false);
  });
});
