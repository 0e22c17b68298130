// The steps from the replacement key to the reveal. Each can run again after a crash or a failure
// and does only what is left: the new key is found again by its name, only flows still on the old
// key are rebound, and a flow that drifted back is rebound before it is checked again.
import { performance } from 'node:perf_hooks';

import { AppError, isAppError } from '../../../common/errors.js';
import type { ChatflowRow } from '../flowise/flowise-schemas.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import { flowType } from '../keys/key-summaries.js';
import { proveKeyWorks } from './key-probe.js';
import { eachFlow } from './each-limited.js';
import type { Journal, JournalFlow } from './rotation-journal.js';
import { requireNewKey } from './replacement-check.js';
import type { Run } from './rotation-run.js';
import { newKeyOf } from './rotation-run.js';
import { countOf } from '../../../common/words.js';

const DEFAULT_CONCURRENCY = 8;

export function concurrency(run: Run): number {
  return run.deps.concurrency ?? DEFAULT_CONCURRENCY;
}

/** create + stash: the replacement, with the same permissions, its value saved at once. */
export async function createStep(run: Run): Promise<void> {
  const j = run.journal;
  if (j.newKey?.value === undefined) {
    const client = run.admin();
    // A key made just before a crash is found again by its name, which carries the rotation id.
    // Compared in the stored form: a journal saved by an older version may hold it untrimmed.
    const name = normaliseKeyName(j.newKeyName);
    const lost = new Set(j.lostKeyIds ?? []);
    let row = (await client.listKeys()).find(
      (r) => normaliseKeyName(r.keyName) === name && !lost.has(r.id),
    );
    const found = row !== undefined;
    if (row === undefined) {
      row = await client.createKey({ keyName: j.newKeyName, permissions: j.permissions });
      await run.hook('create:posted');
    }
    await run.save({
      newKey: {
        id: row.id,
        name: row.keyName,
        fingerprint: fingerprint(row.apiKey),
        masked: maskKey(row.apiKey),
        value: row.apiKey,
      },
      reached: 'create',
    });
    await run.note(
      'create',
      'ok',
      `${found ? 'found' : 'created'} key "${row.keyName}" (${fingerprint(row.apiKey)})`,
    );
  }
  const { id, value } = newKeyOf(run.journal);
  const keep = run.deps.settings().storeCreatedKeys;
  await run.deps.known.remember({
    instanceId: j.instanceId,
    keyId: id,
    keyName: j.newKeyName,
    fingerprint: fingerprint(value),
    firstSeenAt: run.journal.startedAt,
    createdHere: true,
    ...(keep ? { value } : {}),
  });
  await run.hook('stash:remembered');
  await run.save({ reached: 'stash' });
  await run.note('stash', 'ok', 'new key value kept in the vault until the rotation ends');
}

/** The journal's flows brought up to date with the server: stragglers on the old key (or on a
 * replacement that vanished, where they are locked out) are added. */
function refreshFlows(j: Journal, rows: readonly ChatflowRow[], newId: string): JournalFlow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const known = new Set(j.flows.map((f) => f.id));
  const from = new Set([j.oldKey.id, ...(j.lostKeyIds ?? [])]);
  const toMove = (key: string | null | undefined): boolean => key != null && from.has(key);
  const flows = j.flows.map((f): JournalFlow => {
    const key = byId.get(f.id)?.apikeyid;
    if (toMove(key)) return { ...f, state: 'pending' };
    if (key === newId) return f.state === 'verified' ? f : { ...f, state: 'rebound' };
    // Deleted, or bound elsewhere by someone else meanwhile: not ours to move.
    return { ...f, state: 'skipped' };
  });
  for (const row of rows)
    if (toMove(row.apikeyid) && !known.has(row.id))
      flows.push({
        id: row.id,
        name: row.name,
        type: flowType(row.type),
        state: 'pending',
        probe: false,
      });
  return flows;
}

/** Every flow still on the old key moves to the new one, a few at a time. */
export async function rebindStep(run: Run): Promise<void> {
  const client = run.admin();
  const { id: newId } = newKeyOf(run.journal);
  await requireNewKey(run);
  const flows = refreshFlows(run.journal, await client.listChatflows(), newId);
  await run.save({ flows });
  const pending = flows.filter((f) => f.state === 'pending');
  const started = performance.now();
  try {
    await eachFlow(pending, concurrency(run), async (flow) => {
      await client.setChatflowKey(flow.id, newId);
      flow.state = 'rebound';
      await run.hook('rebind:flow');
    });
  } finally {
    // Which flows went through is worth keeping even when one failed.
    await run.save({ flows: [...flows] }).catch(() => undefined);
  }
  const cutoverMs = Math.round(performance.now() - started);
  await run.save({ reached: 'rebind', ...(pending.length > 0 ? { cutoverMs } : {}) });
  await run.note(
    'rebind',
    'ok',
    `${countOf(pending.length, 'flow')} rebound in ${String(cutoverMs)} ms`,
  );
}

/** Why verify left a flow alone, for its report. */
function leftAlone(j: Journal, key: string | null | undefined, newId: string): string | undefined {
  const ours = new Set([newId, j.oldKey.id, ...(j.lostKeyIds ?? [])]);
  if (key === undefined) return 'deleted on the server';
  if (key === null || !ours.has(key)) return 'bound to another key by someone else, left on it';
  return undefined;
}

/** Each rebound flow reads back the new key, the new key authenticates, marked flows answer. The
 * flows are read again first, with rebind's rule: a flow deleted meanwhile, or bound to a third
 * key by someone else, is not ours to move; it is skipped and reported, never forced back. */
export async function verifyStep(run: Run): Promise<void> {
  const client = run.admin();
  const { id: newId, value } = newKeyOf(run.journal);
  await requireNewKey(run);
  const rows = new Map((await client.listChatflows()).map((r) => [r.id, r]));
  const flows = run.journal.flows.map((f) => ({ ...f }));
  const skipped: string[] = [];
  const skip = (flow: JournalFlow, why: string): void => {
    flow.state = 'skipped';
    skipped.push(`"${flow.name}" (${why})`);
  };
  const moved = flows.filter((f) => {
    if (f.state !== 'rebound' && f.state !== 'verified') return false;
    const why = leftAlone(run.journal, rows.get(f.id)?.apikeyid, newId);
    if (why !== undefined) skip(f, why);
    return why === undefined;
  });
  await eachFlow(moved, concurrency(run), async (flow) => {
    const read = async (): Promise<string | null | undefined> => {
      try {
        return (await client.getChatflow(flow.id)).apikeyid;
      } catch (error) {
        if (isAppError(error, 'not_found')) return undefined;
        throw error;
      }
    };
    let key = await read();
    await run.hook('verify:read');
    if (key !== newId && leftAlone(run.journal, key, newId) === undefined) {
      // Back on the old key (or a lost replacement): moved again, as rebind would.
      await client.setChatflowKey(flow.id, newId);
      key = await read();
      if (key !== newId && leftAlone(run.journal, key, newId) === undefined)
        throw new AppError('conflict', `The flow "${flow.name}" does not keep the new key.`, {
          chatflowId: flow.id,
        });
    }
    const why = leftAlone(run.journal, key, newId);
    if (key !== newId && why !== undefined) skip(flow, why);
    else flow.state = 'verified';
    await run.hook('verify:flow');
  });
  const checked = moved.filter((f) => f.state === 'verified');
  const how = await proveKeyWorks(run.as(value), run.journal.permissions);
  await run.hook('verify:proved');
  const probes = flows.filter((f) => f.probe && f.state === 'verified');
  for (const flow of probes) {
    await client.predict(flow.id, 'Key rotation check', { apiKey: value, name: flow.name });
    await run.hook('verify:probed');
  }
  await run.save({ flows, reached: 'verify' });
  await run.note(
    'verify',
    'ok',
    `${countOf(checked.length, 'flow')} read back the new key; it authenticates (${how})` +
      (probes.length > 0 ? `; ${countOf(probes.length, 'flow')} answered with it` : '') +
      (skipped.length > 0 ? `; left alone: ${skipped.join(', ')}` : ''),
  );
}

/** Issues the one-time ticket, then waits in grace for the person. */
export async function revealStep(run: Run): Promise<string> {
  const { value } = newKeyOf(run.journal);
  const ticket = run.deps.tickets.issue(value, {
    instanceId: run.journal.instanceId,
    instanceName: run.journal.instanceName,
    keyName: run.journal.newKeyName,
  });
  await run.hook('reveal:issued');
  await run.save({ reached: 'reveal', status: 'waiting', revealedAt: run.deps.clock.now() });
  await run.note('reveal', 'ok', 'one-time reveal ticket issued; grace period begins');
  return ticket;
}
