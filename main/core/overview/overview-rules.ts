// Every Overview rule, in one table: each is a small pure function of one instance's snapshot that
// names what it found and why. A new rule is one entry here and one in OverviewRule.
import type {
  FindingSeverity,
  FindingSubject,
  FixAction,
  OverviewRule,
} from '../../../common/ipc/schemas/overview.js';
import { countOf, plural } from '../../../common/words.js';
import { isLoopbackHost } from '../flowise/origin-policy.js';
import type { InstanceSnapshot, SnapshotKey } from './overview-snapshot.js';

export const DAY_MS = 24 * 60 * 60_000;
/** A pinned certificate this close to its end is reported. */
export const CERT_WARNING_DAYS = 30;
/** The flow types anyone could call without a key. */
const CALLABLE = new Set(['CHATFLOW', 'AGENTFLOW', 'MULTIAGENT']);

interface Fix {
  action: FixAction;
  label: string;
}

/** What a rule found: the rest of the finding comes from its table entry. */
export interface Hit {
  subject: FindingSubject;
  why: string;
  severity?: FindingSeverity;
}

export interface RuleDef {
  rule: OverviewRule;
  severity: FindingSeverity;
  fix: Fix;
  alternatives?: readonly Fix[];
  /** Its answer depends on the snapshot's `now` (an age, an expiry): checked at every report.
   * Any other rule's answer is kept while the instance's inputs stay the same. */
  timed?: true;
  check(snapshot: InstanceSnapshot): Hit[];
}

const days = (ms: number): number => Math.floor(ms / DAY_MS);
const ageDays = (s: InstanceSnapshot, since: number): number => days(s.now - since);
const maxAge = (s: InstanceSnapshot, key: SnapshotKey): number =>
  key.maxAgeDays ?? s.thresholds.keyMaxAgeDays;
const isOld = (s: InstanceSnapshot, key: SnapshotKey): boolean =>
  s.now - key.since >= maxAge(s, key) * DAY_MS;
const limitWords = (s: InstanceSnapshot, key: SnapshotKey): string =>
  key.maxAgeDays === undefined
    ? `the ${String(s.thresholds.keyMaxAgeDays)}-day limit`
    : `its ${String(key.maxAgeDays)}-day rotation policy`;

const keySubject = (key: SnapshotKey): FindingSubject => ({
  kind: 'key',
  id: key.id,
  name: key.name,
});
const instanceSubject = (s: InstanceSnapshot): FindingSubject => ({
  kind: 'instance',
  id: s.instanceId,
  name: s.name,
});

function boundCounts(s: InstanceSnapshot): Map<string, number> {
  const counts = new Map<string, number>();
  for (const flow of s.flows)
    if (flow.apikeyid !== null) counts.set(flow.apikeyid, (counts.get(flow.apikeyid) ?? 0) + 1);
  return counts;
}

/** The server's grantable permissions, and those of them that manage keys, once per snapshot. */
const catalogs = new WeakMap<InstanceSnapshot, { all: Set<string>; keys: Set<string> }>();
function catalogOf(s: InstanceSnapshot): { all: Set<string>; keys: Set<string> } {
  let found = catalogs.get(s);
  if (found === undefined) {
    const all = new Set(s.catalog ?? []);
    found = { all, keys: new Set([...all].filter((p) => p.startsWith('apikeys:'))) };
    catalogs.set(s, found);
  }
  return found;
}

function holdsEvery(key: SnapshotKey, wanted: ReadonlySet<string>): boolean {
  const { permissions } = key;
  // Fewer permissions than wanted cannot cover them all: most keys end here.
  if (permissions === undefined || wanted.size === 0 || permissions.length < wanted.size)
    return false;
  const held: string[] = [];
  for (const p of permissions) if (wanted.has(p)) held.push(p);
  // A permission listed twice could make up the count: only distinct ones count.
  return held.length >= wanted.size && new Set(held).size === wanted.size;
}

type Breadth = 'all' | 'all-key-permissions' | 'narrower';

/** How much of the catalog each key holds, worked out once per key and snapshot for every rule
 * that asks (the same key may sit in snapshots of different catalogs). */
const breadths = new WeakMap<InstanceSnapshot, Map<SnapshotKey, Breadth>>();
function breadthOf(s: InstanceSnapshot, key: SnapshotKey): Breadth {
  let known = breadths.get(s);
  if (known === undefined) {
    known = new Map();
    breadths.set(s, known);
  }
  let found = known.get(key);
  if (found === undefined) {
    const catalog = catalogOf(s);
    found = holdsEvery(key, catalog.all)
      ? 'all'
      : holdsEvery(key, catalog.keys)
        ? 'all-key-permissions'
        : 'narrower';
    known.set(key, found);
  }
  return found;
}

/** Holds every permission the server can grant. */
const holdsAll = (s: InstanceSnapshot, key: SnapshotKey): boolean => breadthOf(s, key) === 'all';

/** Holds every permission, or every apikeys:* one the server can grant: it can mint keys. */
const isBroad = (s: InstanceSnapshot, key: SnapshotKey): boolean =>
  breadthOf(s, key) !== 'narrower';

const admin = (s: InstanceSnapshot): SnapshotKey[] => s.keys.filter((k) => k.admin);
const others = (s: InstanceSnapshot): SnapshotKey[] => s.keys.filter((k) => !k.admin);

export const RULES: readonly RuleDef[] = [
  {
    rule: 'instance-unreachable',
    severity: 'high',
    fix: { action: 'test-instance', label: 'Test the connection' },
    alternatives: [{ action: 'edit-instance', label: 'Edit the instance' }],
    check: (s: InstanceSnapshot): Hit[] =>
      s.reach.state === 'unreachable'
        ? [
            {
              subject: instanceSubject(s),
              why: `The server could not be read (${s.reach.error.message}), so nothing on it can be checked.`,
            },
          ]
        : [],
  },
  {
    rule: 'instance-unauthorised',
    severity: 'high',
    fix: { action: 'edit-instance', label: 'Edit the instance' },
    alternatives: [{ action: 'test-instance', label: 'Test the connection' }],
    check: (s: InstanceSnapshot): Hit[] =>
      s.reach.state === 'unauthorised'
        ? [
            {
              subject: instanceSubject(s),
              why: 'The server refuses the admin key (401), so nothing on it can be checked or changed.',
            },
          ]
        : [],
  },
  {
    rule: 'flow-public',
    severity: 'high',
    fix: { action: 'bind-key', label: 'Bind a key' },
    alternatives: [{ action: 'mark-public', label: 'Mark public on purpose' }],
    check: (s: InstanceSnapshot): Hit[] =>
      s.flows
        .filter((f) => f.apikeyid === null && CALLABLE.has(f.type) && !s.publicFlows.has(f.id))
        .map((f) => ({
          subject: { kind: 'flow', id: f.id, name: f.name },
          why: 'No key protects this flow: anyone who can reach the server can call it and spend its model credits.',
        })),
  },
  {
    rule: 'flow-missing-key',
    severity: 'high',
    fix: { action: 'bind-key', label: 'Bind an existing key' },
    check: (s: InstanceSnapshot): Hit[] => {
      const ids = new Set(s.keys.map((k) => k.id));
      return s.flows
        .filter((f) => f.apikeyid !== null && !ids.has(f.apikeyid))
        .map((f) => ({
          subject: { kind: 'flow', id: f.id, name: f.name },
          why: 'This flow is bound to a key that no longer exists: every call to it fails.',
        }));
    },
  },
  {
    rule: 'key-old',
    timed: true,
    severity: 'medium',
    fix: { action: 'rotate-key', label: 'Rotate' },
    check: (s: InstanceSnapshot): Hit[] =>
      others(s)
        .filter((k) => isOld(s, k))
        .map((k) => ({
          subject: keySubject(k),
          why: `First seen ${countOf(ageDays(s, k.since), 'day')} ago, past ${limitWords(s, k)}: long-lived keys leak.`,
        })),
  },
  {
    rule: 'key-broad',
    severity: 'high',
    fix: { action: 'edit-permissions', label: 'Edit permissions' },
    check: (s: InstanceSnapshot): Hit[] =>
      others(s)
        .filter((k) => isBroad(s, k))
        .map((k) => ({
          subject: keySubject(k),
          why: holdsAll(s, k)
            ? 'This key holds every permission: a leak hands over the server.'
            : 'This key holds all of apikeys:*: a leak lets anyone mint keys of their own.',
        })),
  },
  {
    rule: 'key-unused',
    severity: 'low',
    fix: { action: 'delete-key', label: 'Delete' },
    check: (s: InstanceSnapshot): Hit[] => {
      const bound = boundCounts(s);
      const rotating = new Set(
        s.rotations
          .filter((r) => r.status !== 'done' && r.status !== 'rolled_back')
          .map((r) => r.keyId),
      );
      return others(s)
        .filter((k) => !bound.has(k.id) && !k.copied && !rotating.has(k.id))
        .map((k) => ({
          subject: keySubject(k),
          why: 'No flow uses this key and the app never copied it: a dead key is attack surface.',
        }));
    },
  },
  {
    rule: 'key-many-flows',
    severity: 'medium',
    fix: { action: 'split-key', label: 'Split into per-flow keys' },
    check: (s: InstanceSnapshot): Hit[] => {
      const bound = boundCounts(s);
      return s.keys
        .filter((k) => (bound.get(k.id) ?? 0) > s.thresholds.manyFlowsThreshold)
        .map((k) => {
          const n = bound.get(k.id) ?? 0;
          return {
            subject: keySubject(k),
            why: `${countOf(n, 'flow')} ${plural(n, 'uses', 'use')} this key, more than ${String(s.thresholds.manyFlowsThreshold)}: one leak exposes them all, and its rotation is wide.`,
          };
        });
    },
  },
  {
    rule: 'admin-key-broad',
    severity: 'medium',
    fix: { action: 'rotate-admin', label: 'Rotate the admin key' },
    alternatives: [{ action: 'edit-permissions', label: 'Edit permissions' }],
    check: (s: InstanceSnapshot): Hit[] =>
      admin(s)
        .filter((k) => holdsAll(s, k))
        .map((k) => ({
          subject: keySubject(k),
          why: 'The admin key holds every permission: it is the key to everything on this server.',
        })),
  },
  {
    rule: 'admin-key-old',
    timed: true,
    severity: 'medium',
    fix: { action: 'rotate-admin', label: 'Rotate the admin key' },
    check: (s: InstanceSnapshot): Hit[] =>
      admin(s)
        .filter((k) => isOld(s, k))
        .map((k) => ({
          subject: keySubject(k),
          why: `The admin key was first seen ${countOf(ageDays(s, k.since), 'day')} ago, past ${limitWords(s, k)}: it is the key to everything.`,
        })),
  },
  {
    rule: 'admin-key-full-access-server',
    severity: 'medium',
    fix: { action: 'rotate-admin', label: 'Rotate the admin key' },
    check: (s: InstanceSnapshot): Hit[] =>
      s.generation === undefined || s.generation === '3.0.13+'
        ? []
        : [
            {
              subject: instanceSubject(s),
              why: `On this server (Flowise ${s.generation === '2.0.6-3.0.0' ? '2.x or 3.0.0' : '3.0.1 to 3.0.12'}) every key has full access, the admin key too: it is the key to everything.`,
            },
          ],
  },
  {
    rule: 'transport-plain-http',
    severity: 'high',
    fix: { action: 'edit-instance', label: 'Edit the instance' },
    check: (s: InstanceSnapshot): Hit[] => {
      const url = new URL(s.profile.baseUrl);
      return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
        ? [
            {
              subject: instanceSubject(s),
              why: `Keys cross the network to ${url.host} in plain http, readable by anyone on the way.`,
            },
          ]
        : [];
    },
  },
  {
    rule: 'transport-self-signed',
    severity: 'low',
    fix: { action: 'edit-instance', label: 'Edit the instance' },
    check: (s: InstanceSnapshot): Hit[] => {
      const pin = s.profile.certificatePin;
      if (s.profile.certificateUnconfirmed)
        return [
          {
            subject: instanceSubject(s),
            why: 'The server was saved accepting any certificate, and none is confirmed yet: keys are not sent until one is.',
          },
        ];
      return pin !== undefined && pin.subject === pin.issuer
        ? [
            {
              subject: instanceSubject(s),
              why: 'The server is trusted through a pinned self-signed certificate: it must be replaced by hand when it changes, and no authority vouches for it.',
            },
          ]
        : [];
    },
  },
  {
    rule: 'transport-cert-expiring',
    timed: true,
    severity: 'medium',
    fix: { action: 'edit-instance', label: 'Edit the instance' },
    check: (s: InstanceSnapshot): Hit[] => {
      const validTo = Date.parse(s.profile.certificatePin?.validTo ?? '');
      if (Number.isNaN(validTo) || validTo - s.now >= CERT_WARNING_DAYS * DAY_MS) return [];
      const expired = validTo <= s.now;
      return [
        {
          subject: instanceSubject(s),
          severity: expired ? 'high' : 'medium',
          why: expired
            ? 'The pinned certificate has expired: the server will present a new one, and the app refuses it until it is checked.'
            : `The pinned certificate expires in ${countOf(days(validTo - s.now), 'day')}: the app refuses the new one until it is checked.`,
        },
      ];
    },
  },
  {
    rule: 'credential-unused',
    severity: 'low',
    fix: { action: 'delete-credential', label: 'Delete' },
    check: (s: InstanceSnapshot): Hit[] =>
      s.credentials
        .filter((c) => c.usedBy === 0)
        .map((c) => ({
          subject: { kind: 'credential', id: c.id, name: c.name },
          why: 'No flow uses this credential: a stale secret waiting to leak.',
        })),
  },
  {
    rule: 'rotation-unfinished',
    severity: 'high',
    fix: { action: 'resume-rotation', label: 'Resume' },
    check: (s: InstanceSnapshot): Hit[] =>
      s.rotations
        .filter((r) => r.status === 'running' || r.status === 'failed')
        .map((r) => ({
          subject: { kind: 'rotation', id: r.id, name: r.keyName },
          why: `The rotation of "${r.keyName}" stopped at ${r.reached}${r.status === 'failed' ? ' with an error' : ''}: flows may be split between the old and the new key.`,
        })),
  },
  {
    rule: 'rotation-grace-long',
    timed: true,
    severity: 'medium',
    fix: { action: 'resume-rotation', label: 'Finish the rotation' },
    check: (s: InstanceSnapshot): Hit[] =>
      s.rotations
        .filter(
          (r) =>
            r.status === 'waiting' &&
            s.now - (r.graceSince ?? r.updatedAt) >= s.thresholds.graceLimitDays * DAY_MS,
        )
        .map((r) => ({
          subject: { kind: 'rotation', id: r.id, name: r.keyName },
          why: `The old "${r.keyName}" has been in grace for ${countOf(ageDays(s, r.graceSince ?? r.updatedAt), 'day')}, past the ${String(s.thresholds.graceLimitDays)}-day limit: it is still alive.`,
        })),
  },
];
