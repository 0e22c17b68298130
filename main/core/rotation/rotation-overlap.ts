// Whether rotations would touch one key twice. The guards compare keys as the server has them:
// one server may be saved as two instances (the same address), and a key id is unique on its
// server, so a key is known by its server's origin and its id, never by the instance alone.
import { AppError } from '../../../common/errors.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import type { InstanceRecord } from '../instances/instance-store.js';
import type { RotationDeps } from './rotation-deps.js';
import { isFinished } from './rotation-journal.js';
import type { Run } from './rotation-run.js';

type Deps = Pick<RotationDeps, 'clients' | 'journals'>;

/** The server an instance profile points at. */
export function serverOf(record: Pick<InstanceRecord, 'baseUrl'>): string {
  try {
    return new URL(record.baseUrl).origin;
  } catch {
    return record.baseUrl;
  }
}

/** `instanceId` and every other instance saved for the same server. */
function sameServer(deps: Deps, instanceId: string): Set<string> {
  const records = deps.clients.all();
  const self = records.find((r) => r.id === instanceId);
  if (self === undefined) return new Set([instanceId]);
  return new Set(records.filter((r) => serverOf(r) === serverOf(self)).map((r) => r.id));
}

/** The keys of `instanceId`'s server that an unfinished rotation replaces, through any profile. */
export function rotatingKeyIds(deps: Deps, instanceId: string): Set<string> {
  const server = sameServer(deps, instanceId);
  return new Set(
    deps.journals
      .all()
      .filter((j) => !isFinished(j) && server.has(j.instanceId))
      .map((j) => j.oldKey.id),
  );
}

/** A key as the slot of a start in flight: the same key through two profiles is one slot. */
export function keySlot(deps: Deps, instanceId: string, keyId: string): string {
  const record = deps.clients.all().find((r) => r.id === instanceId);
  return `${record === undefined ? instanceId : serverOf(record)}\n${keyId}`;
}

/** Throws when an unfinished rotation on the same server already works on this key, as its old
 * key or as its replacement (found by id, or by name before its id was journaled). */
export function refuseOverlap(
  deps: Deps,
  instanceId: string,
  key: { id: string; name?: string },
): void {
  const server = sameServer(deps, instanceId);
  const open = deps.journals.all().filter((j) => !isFinished(j) && server.has(j.instanceId));
  const rotating = open.find((j) => j.oldKey.id === key.id);
  if (rotating !== undefined) {
    const through =
      rotating.instanceId === instanceId
        ? ''
        : ` through "${rotating.instanceName}", which is the same server`;
    throw new AppError(
      'conflict',
      `"${rotating.oldKey.name}" is already being rotated${through}. Resume or roll back that rotation.`,
      { rotationId: rotating.id },
    );
  }
  const name = key.name === undefined ? undefined : normaliseKeyName(key.name);
  const replacing = open.find(
    (j) =>
      j.newKey?.id === key.id || (name !== undefined && normaliseKeyName(j.newKeyName) === name),
  );
  if (replacing !== undefined)
    throw new AppError(
      'conflict',
      `"${key.name ?? replacing.newKeyName}" is the new key of the unfinished rotation of "${replacing.oldKey.name}" on ${replacing.instanceName}. Revoke the old key or roll that rotation back on the Rotation page first, then rotate this key.`,
      { rotationId: replacing.id },
    );
}

/** Throws when a bulk selection holds one key twice: one instance listed twice, or one server
 * saved as two instances (the same key listed by both). Nothing is planned or started then. */
export function refuseTwice(
  deps: Deps,
  items: readonly { instanceId: string; key?: { id: string; name: string } | undefined }[],
): void {
  const records = deps.clients.all();
  const nameOf = (id: string) => records.find((r) => r.id === id)?.name ?? id;
  const seen = new Map<string, string>();
  for (const { instanceId, key } of items) {
    if (key === undefined) continue;
    const slot = keySlot(deps, instanceId, key.id);
    const first = seen.get(slot);
    seen.set(slot, instanceId);
    if (first === undefined) continue;
    if (first === instanceId)
      throw new AppError(
        'bad_request',
        `The selection holds "${key.name}" on ${nameOf(instanceId)} twice. Choose each instance and key once.`,
      );
    const server = slot.split('\n')[0] ?? '';
    throw new AppError(
      'conflict',
      `"${nameOf(first)}" and "${nameOf(instanceId)}" are the same server (${server}): both list the key "${key.name}", so a bulk rotation over both would rotate "${key.name}" twice at once. Choose only one of them, or remove the extra instance.`,
    );
  }
}

/** Revoke deletes the old key: never while the vault manages an instance with it, except in the
 * admin rotation of that same instance (whose switch stored the new key before). */
export function refuseStoredAdminKey(run: Run): void {
  const j = run.journal;
  const holder = run.deps.clients
    .all()
    .find((r) => r.adminKey === j.oldKey.value && !(j.admin === true && r.id === j.instanceId));
  if (holder !== undefined)
    throw new AppError(
      'conflict',
      `The old key "${j.oldKey.name}" is the admin key saved for "${holder.name}", so it was not deleted: the app would lose its way into that instance. Edit "${holder.name}" to use another key, then revoke again, or roll this rotation back.`,
    );
}
