// Which keys a bulk rotation takes: those first seen at least N days ago, those the person chose,
// or those of one name, over the chosen instances. An instance that cannot be read is reported as
// its own item; it never hides the others. Admin keys are left out, those of other profiles of the
// same server too: the key this app manages an instance with is rotated on its own (its Rotate
// button on the Keys page), with the vault switch.
import { toWireError } from '../../../common/errors.js';
import type { WireError } from '../../../common/errors.js';
import type { BatchSelection } from '../../../common/ipc/schemas/rotation-batch.js';
import { BATCH_MAX_KEYS } from '../../../common/ipc/schemas/rotation-batch.js';
import { AppError } from '../../../common/errors.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import { fingerprint } from '../flowise/mask.js';
import { vaultHolder } from '../instances/admin-needs.js';
import type { RotationDeps } from './rotation-deps.js';

const DAY_MS = 24 * 60 * 60_000;

export interface Candidate {
  instanceId: string;
  instanceName: string;
  key?: { id: string; name: string };
  error?: WireError;
}

export interface Selected {
  candidates: Candidate[];
  notes: string[];
}

type Deps = Pick<RotationDeps, 'clients' | 'known' | 'clock' | 'dueFacts'>;

function instanceIdsOf(deps: Deps, selection: BatchSelection): string[] {
  if (selection.mode === 'byHand') return [...new Set(selection.keys.map((k) => k.instanceId))];
  return selection.instanceIds ?? deps.clients.all().map((r) => r.id);
}

/** The keys of one instance that the selection takes, admin key excluded. */
async function selectOnInstance(
  deps: Deps,
  selection: BatchSelection,
  instanceId: string,
  notes: string[],
): Promise<Candidate[]> {
  const record = deps.clients.record(instanceId);
  const base = { instanceId, instanceName: record.name };
  const rows = await deps.clients.client(instanceId).listKeys();
  const now = deps.clock.now();
  const known = await deps.known.observe(
    instanceId,
    rows.map((r) => ({ keyId: r.id, keyName: r.keyName, fingerprint: fingerprint(r.apiKey) })),
    now,
  );
  // Any profile's admin key: another profile of the same server lists it too.
  const holderOf = (row: ApiKeyRow) => vaultHolder(deps.clients.all(), row);
  if (selection.mode === 'byHand') {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return selection.keys
      .filter((k) => k.instanceId === instanceId)
      .map((k) => {
        const row = byId.get(k.keyId);
        if (row === undefined)
          return {
            ...base,
            key: { id: k.keyId, name: k.keyId },
            error: toWireError(new AppError('not_found', 'That key is no longer on the server.')),
          };
        const key = { id: row.id, name: row.keyName };
        const holder = holderOf(row);
        if (holder === undefined) return { ...base, key };
        return {
          ...base,
          key,
          error: toWireError(
            new AppError(
              'precondition_failed',
              `"${row.keyName}" is the key this app uses to manage ${holder.name}; rotate it on its own from the Keys page.`,
            ),
          ),
        };
      });
  }
  const due = selection.mode === 'due' ? deps.dueFacts() : undefined;
  const matching = rows.filter((row) => {
    const firstSeenAt = known.get(row.id)?.firstSeenAt ?? now;
    if (selection.mode === 'sameName') return row.keyName === selection.keyName;
    if (selection.mode === 'olderThan') return now - firstSeenAt >= selection.days * DAY_MS;
    return (
      due !== undefined &&
      !due.rotating(instanceId, row.id) &&
      due.judge(instanceId, row.id, firstSeenAt).status === 'due'
    );
  });
  for (const row of matching) {
    const holder = holderOf(row);
    if (holder !== undefined)
      notes.push(
        `"${row.keyName}" on ${record.name} is left out: it is the key this app uses to manage ${holder.id === instanceId ? 'that instance' : holder.name}; rotate it on its own from the Keys page.`,
      );
  }
  return matching
    .filter((row) => holderOf(row) === undefined)
    .map((row) => ({ ...base, key: { id: row.id, name: row.keyName } }));
}

export async function selectKeys(deps: Deps, selection: BatchSelection): Promise<Selected> {
  const notes: string[] = [];
  const perInstance = await Promise.all(
    instanceIdsOf(deps, selection).map(async (instanceId): Promise<Candidate[]> => {
      try {
        return await selectOnInstance(deps, selection, instanceId, notes);
      } catch (error) {
        const name = deps.clients.all().find((r) => r.id === instanceId)?.name ?? instanceId;
        const wire = toWireError(error);
        // By hand, each chosen key gets the error, so none of them silently drops out.
        if (selection.mode === 'byHand')
          return selection.keys
            .filter((k) => k.instanceId === instanceId)
            .map((k) => ({
              instanceId,
              instanceName: name,
              key: { id: k.keyId, name: k.keyId },
              error: wire,
            }));
        return [{ instanceId, instanceName: name, error: wire }];
      }
    }),
  );
  const candidates = perInstance.flat();
  const keyed = candidates.filter((c) => c.key !== undefined);
  if (keyed.length > BATCH_MAX_KEYS) {
    notes.push(
      `${String(keyed.length)} keys matched; a bulk rotation takes at most ${String(BATCH_MAX_KEYS)}, so only the first ${String(BATCH_MAX_KEYS)} are listed.`,
    );
    const kept = new Set(keyed.slice(0, BATCH_MAX_KEYS));
    return { candidates: candidates.filter((c) => c.key === undefined || kept.has(c)), notes };
  }
  return { candidates, notes };
}
