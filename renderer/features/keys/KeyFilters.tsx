// Search, sort and filters above the keys list.
import { useId } from 'react';

import type { KeyQuery, KeySort } from '../../../common/key-list.js';

const SORTS: readonly { id: KeySort; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'firstSeen', label: 'First seen (newest first)' },
  { id: 'usage', label: 'Usage (most flows first)' },
];

export function KeyFilters({
  query,
  onChange,
}: {
  query: KeyQuery;
  onChange: (query: KeyQuery) => void;
}) {
  const id = useId();
  return (
    <div className="row keys-toolbar">
      <label htmlFor={`${id}-search`}>Search keys</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query.text}
        onChange={(event) => {
          onChange({ ...query, text: event.currentTarget.value });
        }}
      />
      <label htmlFor={`${id}-sort`}>Sort by</label>
      <select
        id={`${id}-sort`}
        value={query.sort}
        onChange={(event) => {
          onChange({ ...query, sort: event.currentTarget.value as KeySort });
        }}
      >
        {SORTS.map((sort) => (
          <option key={sort.id} value={sort.id}>
            {sort.label}
          </option>
        ))}
      </select>
      <label className="check">
        <input
          type="checkbox"
          checked={query.unusedOnly}
          onChange={(event) => {
            onChange({ ...query, unusedOnly: event.currentTarget.checked });
          }}
        />
        Unused keys only
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={query.broadOnly}
          aria-describedby={`${id}-broad`}
          onChange={(event) => {
            onChange({ ...query, broadOnly: event.currentTarget.checked });
          }}
        />
        Broad permissions only
      </label>
      <span id={`${id}-broad`} className="visually-hidden">
        Full access, managing API keys, or deleting anything.
      </span>
      <label htmlFor={`${id}-age`}>Older than (days)</label>
      <input
        id={`${id}-age`}
        type="number"
        min={0}
        max={36500}
        className="input-narrow"
        value={query.olderThanDays === 0 ? '' : String(query.olderThanDays)}
        placeholder="any"
        onChange={(event) => {
          const days = Number.parseInt(event.currentTarget.value, 10);
          onChange({ ...query, olderThanDays: Number.isFinite(days) && days > 0 ? days : 0 });
        }}
      />
    </div>
  );
}
