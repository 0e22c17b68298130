// Builds one instance's snapshot: keys, flows and credentials fetched side by side with one client,
// joined with what the vault knows (first-seen dates, journals, "public on purpose" marks, copies
// in the audit log). Values of keys are used here only to tell the admin key and copies apart.
import { isAppError, toWireError } from '../../../common/errors.js';
import { isIdShaped, usageFromFlows } from '../credentials/credential-usage.js';
import { fingerprint } from '../flowise/mask.js';
import type { ChatflowRow, CredentialRow } from '../flowise/flowise-schemas.js';
import type { InstanceRecord } from '../instances/instance-store.js';
import type { Journal } from '../rotation/rotation-journal.js';
import { createFlowScans } from './flow-scans.js';
import type { DueFacts } from '../policies/due-list.js';
import type { OverviewDeps } from './overview-deps.js';
import type {
  InstanceSnapshot,
  SnapshotCredential,
  SnapshotProfile,
  SnapshotRotation,
  Thresholds,
} from './overview-snapshot.js';

/** What every instance of one report shares: read once from the vault. */
export interface SharedFacts {
  now: number;
  /** The same object while nothing below changed: what was built from them may be kept. */
  basis: object;
  thresholds: Thresholds;
  /** Fingerprints of keys the app copied or revealed. */
  copied: ReadonlySet<string>;
  /** Every admin key the vault holds: none of them is reported as unused. Compared by value, so
   * no key is hashed unless the audit log has copies to match. */
  adminKeys: ReadonlySet<string>;
  /** First-seen dates by instance, then key id, read from the vault once for all instances. */
  firstSeen: ReadonlyMap<string, ReadonlyMap<string, { firstSeenAt: number }>>;
  /** Rotation journals by instance, read once. */
  rotations: ReadonlyMap<string, readonly SnapshotRotation[]>;
  /** Policies and last rotations, when the core has them. */
  due?: DueFacts;
}

export function sharedFacts(deps: OverviewDeps): SharedFacts {
  const now = deps.clock.now();
  const { memo, revision } = deps;
  const facts =
    memo === undefined || revision === undefined
      ? readFacts(deps)
      : memo.facts([revision(), JSON.stringify(deps.settings())], () => readFacts(deps));
  return { ...facts, now };
}

/** Everything but the time, read from the vault and settings. */
function readFacts(deps: OverviewDeps): Omit<SharedFacts, 'now'> {
  const copied = new Set<string>();
  for (const action of ['key.copy', 'key.reveal'] as const)
    for (const record of deps.audit.list({ action, limit: 10_000 }).records)
      if (record.outcome === 'ok' && record.subject?.fingerprint !== undefined)
        copied.add(record.subject.fingerprint);
  const rotations = new Map<string, SnapshotRotation[]>();
  for (const journal of deps.journals.all()) {
    const list = rotations.get(journal.instanceId);
    if (list === undefined) rotations.set(journal.instanceId, [rotationOf(journal)]);
    else list.push(rotationOf(journal));
  }
  const { keyMaxAgeDays, manyFlowsThreshold, graceLimitDays } = deps.settings();
  return {
    basis: {},
    thresholds: { keyMaxAgeDays, manyFlowsThreshold, graceLimitDays },
    copied,
    adminKeys: new Set(deps.clients.all().map((r) => r.adminKey)),
    firstSeen: deps.known.byInstance(),
    rotations,
    // Only the since and limit of each key are asked of it, and neither depends on the time.
    ...(deps.dueFacts === undefined ? {} : { due: deps.dueFacts() }),
  };
}

function profileOf(record: InstanceRecord): SnapshotProfile {
  return {
    baseUrl: record.baseUrl,
    allowInsecureHttp: record.allowInsecureHttp,
    ...(record.certificatePin === undefined ? {} : { certificatePin: record.certificatePin }),
    certificateUnconfirmed: record.certificateUnconfirmed === true,
    hasCustomCa: record.caCertPem !== undefined,
  };
}

function rotationOf(journal: Journal): SnapshotRotation {
  return {
    id: journal.id,
    keyId: journal.oldKey.id,
    keyName: journal.oldKey.name,
    status: journal.status,
    reached: journal.reached,
    updatedAt: journal.updatedAt,
    ...(journal.revealedAt === undefined ? {} : { graceSince: journal.revealedAt }),
  };
}

/** Everything the vault alone knows, for an instance the server could not tell more about. */
export function vaultOnlySnapshot(
  deps: OverviewDeps,
  record: InstanceRecord,
  shared: SharedFacts,
): InstanceSnapshot {
  return {
    instanceId: record.id,
    name: record.name,
    now: shared.now,
    thresholds: shared.thresholds,
    profile: profileOf(record),
    reach: { state: 'ok' },
    keys: [],
    flows: [],
    credentials: [],
    rotations: shared.rotations.get(record.id) ?? [],
    publicFlows: new Set(deps.publicFlows.forInstance(record.id).map((f) => f.chatflowId)),
  };
}

/** A part the admin key may not read (a 403) is left out rather than failing the instance. */
async function optional<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error, 'forbidden') || isAppError(error, 'not_found')) return undefined;
    throw error;
  }
}

/** Each credential with the number of flows naming it. Flows listed without flowData cannot say
 * which credentials they use: usage then stays unknown. */
function credentialUse(
  deps: OverviewDeps,
  instanceId: string,
  flows: readonly ChatflowRow[],
  credentials: readonly CredentialRow[],
): SnapshotCredential[] {
  if (!flows.every((f) => f.flowData !== undefined))
    return credentials.map((c) => ({ id: c.id, name: c.name }));
  if (credentials.every((c) => isIdShaped(c.id))) {
    // Only whether a flow names it counts here, so the id tokens of each flow are enough; each
    // token a flow holds counts once for the credential of that id.
    const uses = new Map(credentials.map((c) => [c.id.toLowerCase(), 0]));
    for (const ids of (deps.flowScans ?? createFlowScans()).tokensOf(instanceId, flows))
      for (const id of ids) {
        const n = uses.get(id);
        if (n !== undefined) uses.set(id, n + 1);
      }
    return credentials.map((c) => ({
      id: c.id,
      name: c.name,
      usedBy: uses.get(c.id.toLowerCase()) ?? 0,
    }));
  }
  const usage = usageFromFlows(flows);
  return credentials.map((c) => ({ id: c.id, name: c.name, usedBy: usage.flowsOf(c.id).length }));
}

export async function fetchSnapshot(
  deps: OverviewDeps,
  record: InstanceRecord,
  shared: SharedFacts,
): Promise<InstanceSnapshot> {
  try {
    const client = deps.clients.client(record.id);
    const generation = await client.generation();
    const [rows, flows, credentials, catalog] = await Promise.all([
      client.listKeys(),
      client.listChatflows(),
      optional(client.listCredentials()),
      generation === '3.0.13+'
        ? optional(client.keyPermissions({ kept: true }))
        : Promise.resolve(undefined),
    ]);
    const inputs = [shared.basis, generation, rows, flows, credentials, catalog];
    const kept = deps.memo?.snapshot(record.id, inputs, shared.now);
    if (kept !== undefined) return kept;
    // Only keys never seen before are written (their first-seen date is now).
    const seen = shared.firstSeen.get(record.id);
    const known =
      seen !== undefined && rows.every((row) => seen.has(row.id))
        ? seen
        : await deps.known.observe(
            record.id,
            rows.map((row) => ({
              keyId: row.id,
              keyName: row.keyName,
              fingerprint: fingerprint(row.apiKey),
            })),
            shared.now,
          );
    const creds = credentialUse(deps, record.id, flows, credentials ?? []);
    const snapshot: InstanceSnapshot = {
      ...vaultOnlySnapshot(deps, record, shared),
      generation,
      ...(catalog === undefined
        ? {}
        : { catalog: catalog.flatMap((g) => g.permissions.map((p) => p.key)) }),
      keys: rows.map((row) => {
        const firstSeenAt = known.get(row.id)?.firstSeenAt ?? shared.now;
        const age = shared.due?.judge(record.id, row.id, firstSeenAt);
        return {
          id: row.id,
          name: row.keyName,
          ...(row.permissions === undefined ? {} : { permissions: row.permissions }),
          since: age?.since ?? firstSeenAt,
          ...(age === undefined || age.source === 'settings' ? {} : { maxAgeDays: age.maxAgeDays }),
          copied: shared.copied.size > 0 && shared.copied.has(fingerprint(row.apiKey)),
          admin: shared.adminKeys.has(row.apiKey),
        };
      }),
      flows: flows.map((f) => ({ id: f.id, name: f.name, type: f.type, apikeyid: f.apikeyid })),
      credentials: creds,
    };
    deps.memo?.keep(record.id, inputs, snapshot);
    return snapshot;
  } catch (error) {
    const wire = toWireError(error);
    return {
      ...vaultOnlySnapshot(deps, record, shared),
      reach: { state: wire.code === 'unauthorized' ? 'unauthorised' : 'unreachable', error: wire },
    };
  }
}
