// When a key is due for rotation: pure functions of its dates, the policies and the clock, shared by
// the Due list, the unlock banner, the notifications, the bulk "due" selection and the Overview.
import type { DueStatus, PolicyList, PolicySource } from '../../../common/ipc/schemas/policies.js';

export const DAY_MS = 24 * 60 * 60_000;

export interface MaxAge {
  maxAgeDays: number;
  source: PolicySource;
}

/** The key's own policy, else its instance's, else Settings' keyMaxAgeDays, looked up in maps
 * built once, so judging thousands of keys is no scan of the policies per key. */
export function maxAgeLookup(
  policies: PolicyList,
  fallbackDays: number,
): (instanceId: string, keyId: string) => MaxAge {
  const keys = new Map<string, MaxAge>();
  const instances = new Map<string, MaxAge>();
  // The first policy listed for a key or an instance is the one that applies.
  for (const p of policies.keys) {
    const at = `${p.instanceId}/${p.keyId}`;
    if (!keys.has(at)) keys.set(at, { maxAgeDays: p.maxAgeDays, source: 'key' });
  }
  for (const p of policies.instances)
    if (!instances.has(p.instanceId))
      instances.set(p.instanceId, { maxAgeDays: p.maxAgeDays, source: 'instance' });
  const fallback: MaxAge = { maxAgeDays: fallbackDays, source: 'settings' };
  return (instanceId, keyId) =>
    keys.get(`${instanceId}/${keyId}`) ?? instances.get(instanceId) ?? { ...fallback };
}

/** The key's own policy, else its instance's, else Settings' keyMaxAgeDays. */
export function maxAgeOf(
  policies: PolicyList,
  fallbackDays: number,
  instanceId: string,
  keyId: string,
): MaxAge {
  return maxAgeLookup(policies, fallbackDays)(instanceId, keyId);
}

/** The later of the day the vault first saw the key and its last rotation through the app. */
export function ageSince(firstSeenAt: number, lastRotatedAt: number | undefined): number {
  return lastRotatedAt === undefined ? firstSeenAt : Math.max(firstSeenAt, lastRotatedAt);
}

export interface Due {
  status: DueStatus;
  dueAt: number;
  /** Whole days since `since`. */
  ageDays: number;
}

/**
 * due: at or past its maximum age (a key exactly 90 days old under a 90-day policy is due).
 * soon: due within `soonDays` days from now. ok: otherwise.
 */
export function dueStatus(input: {
  since: number;
  maxAgeDays: number;
  now: number;
  soonDays: number;
}): Due {
  const dueAt = input.since + input.maxAgeDays * DAY_MS;
  const ageDays = Math.floor((input.now - input.since) / DAY_MS);
  if (input.now >= dueAt) return { status: 'due', dueAt, ageDays };
  if (dueAt - input.now <= input.soonDays * DAY_MS) return { status: 'soon', dueAt, ageDays };
  return { status: 'ok', dueAt, ageDays };
}
