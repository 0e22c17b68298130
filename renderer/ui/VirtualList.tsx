// A windowed list: only the rows in view (and a few either side) are in the DOM, so 10,000 keys
// render and filter as fast as 20. Rows have one fixed height, which keeps the arithmetic exact.
import { useState } from 'react';
import type { ReactNode } from 'react';

export interface VirtualListProps<T> {
  label: string;
  items: readonly T[];
  rowHeight: number;
  /** The most the list grows to before it scrolls. */
  maxHeight: number;
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  /** Rows rendered beyond each edge, so a fast scroll shows no gap. */
  overscan?: number;
}

export function visibleRange(
  count: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  overscan: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, maxHeight, overscan = 4 } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.min(maxHeight, items.length * rowHeight);
  const { first, last } = visibleRange(items.length, scrollTop, height, rowHeight, overscan);

  return (
    <div
      role="list"
      aria-label={props.label}
      className="virtual-list"
      style={{ height, overflowY: 'auto' }}
      onScroll={(event) => {
        setScrollTop(event.currentTarget.scrollTop);
      }}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => (
          <div
            key={props.itemKey(item)}
            role="listitem"
            aria-setsize={items.length}
            aria-posinset={first + offset + 1}
            className="virtual-row"
            style={{ position: 'absolute', top: (first + offset) * rowHeight, height: rowHeight }}
          >
            {props.renderItem(item)}
          </div>
        ))}
      </div>
    </div>
  );
}
