// Keys the vault had seen on a server that the server no longer lists. Flowise 2.x keeps keys in
// api.json unless told to use its database, rewrites the whole file on every change, and makes a
// fresh file (holding only "DefaultKey") when it cannot read it: keys can vanish on a restart or
// when two writes overlap. Keys deleted through the app are forgotten at once (keys.delete, a
// rotation's revoke), so whatever is left unlisted was lost, or deleted behind the app's back.
// When the vault holds the value (a key created here and kept, the old key of a rotation before
// its revoke, the instance's admin key), the import route (2.0.2 to 3.0.12) puts it back as it was.
import { AppError, isAppError } from '../../../common/errors.js';
import type { BoundFlow, KeySummary, MissingKey } from '../../../common/ipc/schemas/keys.js';
import { countOf } from '../../../common/words.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import type { FlowiseGeneration } from '../flowise/generation.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import { isFinished, stepIndex } from '../rotation/rotation-journal.js';
import type { JournalStore } from '../rotation/rotation-journal.js';
import { flowsByKey, keySubject, summarizeKey } from './key-summaries.js';
import type { KeysDeps } from './keys-deps.js';
import type { KnownKey } from './known-keys.js';

/** Why a key may be gone, for this server's generation. */
function whyGone(generation: FlowiseGeneration): string {
  return generation === '2.0.6-3.0.0'
    ? 'Flowise 2.x with api.json storage (its default) can lose keys on a restart or when two changes overlap; it may also have been deleted outside this app.'
    : 'It was deleted outside this app, or the server’s data was restored from an older copy.';
}

/** Keys an unfinished rotation answers for itself: its replacements (resume makes another if
 * one is gone), and its old key once revoke began (the rotation deletes it on purpose). */
function heldByRotation(journals: JournalStore, instanceId: string): Set<string> {
  const ids = new Set<string>();
  for (const j of journals.all()) {
    if (j.instanceId !== instanceId || isFinished(j)) continue;
    if (j.newKey !== undefined) ids.add(j.newKey.id);
    for (const id of j.lostKeyIds ?? []) ids.add(id);
    if (stepIndex(j.reached) >= stepIndex('grace')) ids.add(j.oldKey.id);
  }
  return ids;
}

/** The key's value, if the vault holds it anywhere, checked against the fingerprint it had. */
function heldValue(deps: KeysDeps, key: KnownKey): string | undefined {
  const candidates = [
    key.value,
    ...deps.journals
      .all()
      .filter((j) => j.instanceId === key.instanceId && !isFinished(j))
      .map((j) => (j.oldKey.id === key.keyId ? j.oldKey.value : undefined)),
    deps.clients.record(key.instanceId).adminKey,
  ];
  return candidates.find(
    (value): value is string => value !== undefined && fingerprint(value) === key.fingerprint,
  );
}

function restoreNote(generation: FlowiseGeneration, held: boolean): string {
  if (generation === '3.0.13+')
    return 'Flowise 3.0.13 and newer cannot import a key with a given value, so it cannot be restored: create a new key and update the apps that used it.';
  if (!held)
    return 'This vault never held its value (it keeps the values of keys created here, of keys being rotated, and of the admin key), so it cannot be restored: create a new key and update the apps that used it.';
  return 'The vault holds its value: re-import it to put it back with the same value and name.';
}

/** The instance's missing keys, after a full listing of its keys and flows. */
export async function missingKeys(
  deps: KeysDeps,
  instanceId: string,
  rows: readonly ApiKeyRow[],
  bound: ReadonlyMap<string, BoundFlow[]>,
  generation: FlowiseGeneration,
): Promise<MissingKey[]> {
  const known = await deps.known.noticeMissing(
    instanceId,
    new Set(rows.map((r) => r.id)),
    deps.clock.now(),
  );
  const rotating = heldByRotation(deps.journals, instanceId);
  const result: MissingKey[] = [];
  for (const key of known.values()) {
    if (key.missingSince === undefined || rotating.has(key.keyId)) continue;
    const value = heldValue(deps, key);
    result.push({
      id: key.keyId,
      instanceId,
      keyName: key.keyName,
      fingerprint: key.fingerprint,
      ...(value === undefined ? {} : { masked: maskKey(value) }),
      firstSeenAt: key.firstSeenAt,
      missingSince: key.missingSince,
      boundFlows: bound.get(key.keyId) ?? [],
      why: whyGone(generation),
      restorable: value !== undefined && generation !== '3.0.13+',
      restoreNote: restoreNote(generation, value !== undefined),
    });
  }
  return result;
}

async function missingRecord(
  deps: KeysDeps,
  instanceId: string,
  keyId: string,
): Promise<{ key: KnownKey; rows: ApiKeyRow[] }> {
  const key = deps.known.find(instanceId, keyId);
  const rows = await deps.clients.client(instanceId).listKeys();
  if (key === undefined || rows.some((r) => r.id === keyId))
    throw new AppError('not_found', 'That key is not missing from the server.', { keyId });
  return { key, rows };
}

/** keys.reimport: the exact value and name, the same id where the server keeps it (2.x), and
 * the flows still bound to the old id moved to the new one where it does not (3.0.x). */
export async function reimportKey(
  deps: KeysDeps,
  instanceId: string,
  keyId: string,
): Promise<KeySummary> {
  const client = deps.clients.client(instanceId);
  const { key } = await missingRecord(deps, instanceId, keyId);
  const generation = await client.generation();
  const value = heldValue(deps, key);
  const audit = (outcome: 'ok' | 'failed', detail: string) =>
    deps.audit.append({
      action: 'key.import',
      outcome,
      instanceId,
      instanceName: deps.clients.record(instanceId).name,
      subject: { kind: 'key', id: keyId, name: key.keyName, fingerprint: key.fingerprint },
      detail,
    });
  if (value === undefined || generation === '3.0.13+') {
    const note = restoreNote(generation, value !== undefined);
    await audit('failed', note);
    throw new AppError('precondition_failed', note, { keyId });
  }
  try {
    const row = await client.importKey({ keyName: key.keyName, apiKey: value, id: keyId });
    const stranded = (await client.listChatflows()).filter((f) => f.apikeyid === keyId);
    if (row.id !== keyId) for (const flow of stranded) await client.setChatflowKey(flow.id, row.id);
    const restored: KnownKey = { ...key, keyId: row.id, keyName: row.keyName };
    delete restored.missingSince;
    if (row.id !== keyId) await deps.known.forget(instanceId, keyId);
    await deps.known.remember(restored);
    const moved = row.id === keyId ? [] : stranded;
    await deps.audit.append({
      action: 'key.import',
      outcome: 'ok',
      instanceId,
      instanceName: deps.clients.record(instanceId).name,
      subject: keySubject(row),
      detail:
        moved.length === 0
          ? 'restored with the value held in the vault'
          : `restored with the value held in the vault; ${countOf(moved.length, 'flow')} moved to it`,
    });
    const flows = flowsByKey(await client.listChatflows()).get(row.id) ?? [];
    return summarizeKey(instanceId, row, restored, flows, deps.clock.now(), deps.clients.all());
  } catch (error) {
    await audit('failed', isAppError(error) ? error.message.slice(0, 400) : 'internal');
    throw error;
  }
}

/** keys.forgetMissing: the vault stops reporting it, and drops any value it kept. */
export async function forgetMissingKey(
  deps: KeysDeps,
  instanceId: string,
  keyId: string,
): Promise<void> {
  const { key } = await missingRecord(deps, instanceId, keyId);
  await deps.known.forget(instanceId, keyId);
  await deps.audit.append({
    action: 'key.forget',
    outcome: 'ok',
    instanceId,
    instanceName: deps.clients.record(instanceId).name,
    subject: { kind: 'key', id: keyId, name: key.keyName, fingerprint: key.fingerprint },
    detail: 'no longer reported as missing from the server',
  });
}
