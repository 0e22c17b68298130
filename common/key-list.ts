// Search, filter and sort of a keys list: plain functions, shared by the renderer's Keys page and the
// fkv command line, so 10,000 keys are filtered without React in the loop and the rules are tested
// on their own.
import type { KeySummary } from './ipc/schemas/keys.js';

export type KeySort = 'name' | 'firstSeen' | 'usage';

export interface KeyQuery {
  text: string;
  sort: KeySort;
  /** Only keys no flow is bound to. */
  unusedOnly: boolean;
  /** Only keys with broad permissions (see isBroad). */
  broadOnly: boolean;
  /** Only keys first seen more than this many days ago; 0 for any age. */
  olderThanDays: number;
}

export const DEFAULT_QUERY: KeyQuery = {
  text: '',
  sort: 'name',
  unusedOnly: false,
  broadOnly: false,
  olderThanDays: 0,
};

const DAY = 86_400_000;

/** Full access, or the power to manage keys or delete anything: the keys worth rotating first. */
export function isBroad(key: KeySummary): boolean {
  return (
    key.permissions === undefined ||
    key.permissions.some((p) => p.startsWith('apikeys:') && p !== 'apikeys:view') ||
    key.permissions.some((p) => p.endsWith(':delete'))
  );
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Names in the reader's locale, case and accents aside, "key 2" before "key 10". */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

const compare: Record<KeySort, (a: KeySummary, b: KeySummary) => number> = {
  name: (a, b) => collator.compare(a.keyName, b.keyName),
  // Newest first: the key just made is the one being looked for.
  firstSeen: (a, b) => b.firstSeenAt - a.firstSeenAt || collator.compare(a.keyName, b.keyName),
  // Most used first: the keys whose loss would hurt most.
  usage: (a, b) =>
    b.boundFlows.length - a.boundFlows.length || collator.compare(a.keyName, b.keyName),
};

export function selectKeys(
  keys: readonly KeySummary[],
  query: KeyQuery,
  now: number = Date.now(),
): KeySummary[] {
  const needle = query.text.trim().toLowerCase();
  const seenBefore = query.olderThanDays > 0 ? now - query.olderThanDays * DAY : Infinity;
  const hits = keys.filter(
    (key) =>
      (needle === '' || key.keyName.toLowerCase().includes(needle)) &&
      (!query.unusedOnly || key.boundFlows.length === 0) &&
      (!query.broadOnly || isBroad(key)) &&
      key.firstSeenAt < seenBefore,
  );
  return hits.sort(compare[query.sort]);
}

/** A date people read the same everywhere, without the time of day. */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
