// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { visibleRange, VirtualList } from './VirtualList.js';

afterEach(cleanup);

const items = Array.from({ length: 10_000 }, (_, n) => `item ${String(n)}`);

function show(list: readonly string[]) {
  render(
    <VirtualList
      label="Things"
      items={list}
      rowHeight={50}
      maxHeight={500}
      itemKey={(item) => item}
      renderItem={(item) => <span>{item}</span>}
    />,
  );
  return screen.getByRole('list', { name: 'Things' });
}

describe('VirtualList', () => {
  it('computes the rows in view with overscan, clamped to the list', () => {
    expect(visibleRange(10_000, 0, 500, 50, 4)).toEqual({ first: 0, last: 14 });
    expect(visibleRange(10_000, 5_000, 500, 50, 4)).toEqual({ first: 96, last: 114 });
    expect(visibleRange(3, 0, 500, 50, 4)).toEqual({ first: 0, last: 3 });
  });

  it('renders only the window of 10,000 rows, and follows the scroll', () => {
    const list = show(items);
    const rows = () => within(list).getAllByRole('listitem');
    expect(rows()).toHaveLength(14);
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(rows()[0]?.textContent).toBe('item 0');

    list.scrollTop = 250_000;
    fireEvent.scroll(list);
    expect(rows()).toHaveLength(18);
    expect(rows()[0]?.textContent).toBe('item 4996');
    expect(rows()[0]?.getAttribute('aria-posinset')).toBe('4997');
  });

  it('shrinks to a short list', () => {
    const list = show(items.slice(0, 2));
    expect(list.style.height).toBe('100px');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
  });
});
