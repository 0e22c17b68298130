// The keys due for rotation, and those soon due, from what the vault alone knows: first-seen dates,
// finished rotations, policies and Settings. No server is asked, so the unlock banner and the
// notifications cost nothing on the network; the bulk "due" selection lists keys first.
import type { DueArgs, DueItem, DueReport } from '../../../common/ipc/schemas/policies.js';
import type { Settings } from '../../../common/ipc/schemas/settings.js';
import { fingerprint } from '../flowise/mask.js';
import type { InstanceClients } from '../instances/instance-clients.js';
import type { KnownKeys } from '../keys/known-keys.js';
import type { Clock } from '../ports.js';
import type { JournalStore } from '../rotation/rotation-journal.js';
import { isFinished } from '../rotation/rotation-journal.js';
import type { Due, MaxAge } from './due-status.js';
import { ageSince, dueStatus, maxAgeLookup } from './due-status.js';
import type { PolicyStore } from './policy-store.js';

export interface DueDeps {
  clients: Pick<InstanceClients, 'all'>;
  known: KnownKeys;
  journals: JournalStore;
  policies: PolicyStore;
  settings: () => Settings;
  clock: Clock;
}

/** What judging every key shares, read once from the vault. */
export interface DueFacts {
  now: number;
  soonDays: number;
  judge(instanceId: string, keyId: string, firstSeenAt: number): Due & MaxAge & { since: number };
  /** The old key of a rotation under way: that rotation already deals with it. */
  rotating(instanceId: string, keyId: string): boolean;
}

const slot = (instanceId: string, keyId: string): string => `${instanceId}/${keyId}`;

export function dueFacts(deps: DueDeps): DueFacts {
  const now = deps.clock.now();
  const { keyMaxAgeDays, dueSoonDays } = deps.settings();
  const policies = deps.policies.read();
  const rotatedAt = new Map<string, number>();
  const rotating = new Set<string>();
  for (const j of deps.journals.all()) {
    if (!isFinished(j)) rotating.add(slot(j.instanceId, j.oldKey.id));
    else if (j.status === 'done' && j.newKey !== undefined) {
      const at = slot(j.instanceId, j.newKey.id);
      rotatedAt.set(at, Math.max(rotatedAt.get(at) ?? 0, j.updatedAt));
    }
  }
  const maxAgeOf = maxAgeLookup(policies, keyMaxAgeDays);
  return {
    now,
    soonDays: dueSoonDays,
    judge(instanceId, keyId, firstSeenAt) {
      const at = slot(instanceId, keyId);
      const since = ageSince(firstSeenAt, rotatedAt.get(at));
      const { maxAgeDays, source } = maxAgeOf(instanceId, keyId);
      const due = dueStatus({ since, maxAgeDays, now, soonDays: dueSoonDays });
      return {
        maxAgeDays,
        source,
        since,
        status: due.status,
        dueAt: due.dueAt,
        ageDays: due.ageDays,
      };
    },
    rotating: (instanceId, keyId) => rotating.has(slot(instanceId, keyId)),
  };
}

const byUrgency = (a: DueItem, b: DueItem): number =>
  (a.status === b.status ? 0 : a.status === 'due' ? -1 : 1) ||
  a.dueAt - b.dueAt ||
  a.instanceName.localeCompare(b.instanceName) ||
  a.keyName.localeCompare(b.keyName);

export function listDue(deps: DueDeps, args: DueArgs = {}): DueReport {
  const facts = dueFacts(deps);
  const wanted = args.instanceIds === undefined ? undefined : new Set(args.instanceIds);
  const known = deps.known.byInstance();
  const items: DueItem[] = [];
  for (const record of deps.clients.all()) {
    if (wanted !== undefined && !wanted.has(record.id)) continue;
    const admin = fingerprint(record.adminKey);
    for (const key of known.get(record.id)?.values() ?? []) {
      // A key the server stopped listing is reported as missing elsewhere, not as due.
      if (key.missingSince !== undefined || facts.rotating(record.id, key.keyId)) continue;
      const due = facts.judge(record.id, key.keyId, key.firstSeenAt);
      if (due.status === 'ok') continue;
      items.push({
        instanceId: record.id,
        instanceName: record.name,
        keyId: key.keyId,
        keyName: key.keyName,
        status: due.status,
        maxAgeDays: due.maxAgeDays,
        source: due.source,
        ageDays: due.ageDays,
        since: due.since,
        dueAt: due.dueAt,
        admin: key.fingerprint === admin,
      });
    }
  }
  return { items: items.sort(byUrgency), soonDays: facts.soonDays, now: facts.now };
}
