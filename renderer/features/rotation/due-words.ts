// How a key due for rotation is named in the banner and the Due list.
import type { DueItem } from '../../../common/ipc/schemas/policies.js';
import { countOf } from '../../../common/words.js';

const DAY_MS = 24 * 60 * 60_000;

export const keyOn = (item: DueItem): string => `"${item.keyName}" on ${item.instanceName}`;

/** "overdue by 3 days", "due today", "due in 5 days". */
export function whenDue(item: DueItem, now: number): string {
  const days = Math.floor(Math.abs(item.dueAt - now) / DAY_MS);
  if (item.status === 'due') return days === 0 ? 'due today' : `overdue by ${countOf(days, 'day')}`;
  return days === 0 ? 'due within a day' : `due in ${countOf(days, 'day')}`;
}

export function policyWords(item: DueItem): string {
  const from =
    item.source === 'key'
      ? "the key's policy"
      : item.source === 'instance'
        ? "the instance's policy"
        : 'Settings';
  return `${countOf(item.maxAgeDays, 'day')} maximum, from ${from}`;
}

/** A short list of names, "and N more" past `shown`. */
export function namesOf(items: readonly DueItem[], shown = 3): string {
  const names = items.slice(0, shown).map(keyOn);
  return items.length > shown
    ? `${names.join(', ')} and ${String(items.length - shown)} more`
    : names.join(', ');
}
