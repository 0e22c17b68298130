// What names a key to people: its name, and, when another key of the instance has the same name,
// the masked value (in button names and titles) and the date the vault first saw it (in text).
import { useMemo } from 'react';

import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { formatDay } from '../../../common/key-list.js';

/** The names two or more of `keys` share. */
export function sharedNames(keys: readonly KeySummary[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const key of keys) (seen.has(key.keyName) ? shared : seen).add(key.keyName);
  return shared;
}

export interface KeyNaming {
  /** Another key has this name. */
  shared: boolean;
  /** "qa-key", or "qa-key (••••LwRw)" when the name is shared: for buttons and titles. */
  label: string;
  /** "qa-key", or "qa-key (••••LwRw, first seen 2026-01-04)" when the name is shared. */
  long: string;
}

export function keyNaming(key: KeySummary, shared: ReadonlySet<string>): KeyNaming {
  if (!shared.has(key.keyName)) return { shared: false, label: key.keyName, long: key.keyName };
  return {
    shared: true,
    label: `${key.keyName} (${key.masked})`,
    long: `${key.keyName} (${key.masked}, first seen ${formatDay(key.firstSeenAt)})`,
  };
}

/** The shared names among the shown instance's keys. */
export function useSharedNames(): ReadonlySet<string> {
  const keys = useKeysStore((s) => s.keys);
  return useMemo(() => sharedNames(keys ?? []), [keys]);
}

/** How to name `key` among the shown instance's keys. */
export function useKeyNaming(key: KeySummary | undefined): KeyNaming | undefined {
  const shared = useSharedNames();
  return key === undefined ? undefined : keyNaming(key, shared);
}
