// Rollback, possible until revoke begins: every flow the server shows on this rotation's new key
// (or on a replacement of it that vanished) goes back to the old one and reads it back, and only
// when no flow is left on them is the new key deleted. What it reports is what it read back.
import { AppError, isAppError } from '../../../common/errors.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import { eachFlow } from './each-limited.js';
import type { Run } from './rotation-run.js';
import { withoutFailure, withoutValues } from './rotation-run.js';
import { concurrency } from './forward-steps.js';
import { switchBack } from './admin-switch.js';
import { undoDeliveries } from './deliver-step.js';
import { countOf, plural } from '../../../common/words.js';

/** The client rollback works with. An admin rotation's own calls go out with the old admin key
 * from the journal, the key it goes back to: the stored key may be the new one, which the server
 * may no longer have (a 401 on every call, so no way back). */
function rollbackClient(run: Run): FlowiseClient {
  const { admin, oldKey } = run.journal;
  return admin === true && oldKey.value !== undefined ? run.as(oldKey.value) : run.admin();
}

export async function rollbackSteps(run: Run): Promise<void> {
  const j = run.journal;
  const client = rollbackClient(run);
  const oldGone = new AppError(
    'conflict',
    `The old key "${j.oldKey.name}" is no longer on the server, so the flows cannot go back to it. Resume the rotation instead.`,
  );
  const rows = await client.listKeys().catch((error: unknown) => {
    // The old admin key refused: it is gone, which is what the check below would say.
    throw j.admin === true && isAppError(error, 'unauthorized') ? oldGone : error;
  });
  if (!rows.some((r) => r.id === j.oldKey.id)) throw oldGone;
  if (!j.rollingBack) {
    await run.replace({ ...withoutFailure(j), rollingBack: true, status: 'running' });
    await run.note('rebind', 'ok', 'rollback begins');
  }
  // The apps go back to the old key before anything else, while both keys still work.
  await undoDeliveries(run);
  // The vault goes back to the old key first: it must never hold the key about to be deleted.
  if (j.admin === true) await switchBack(run);
  // The journal may not know the new key yet if the app stopped right after creating it. Flows
  // are found by key id as the server shows them, whether or not that key is still listed: one
  // deleted behind our back leaves its flows locked out until they are moved back.
  const name = normaliseKeyName(j.newKeyName);
  const named = rows.find((r) => normaliseKeyName(r.keyName) === name);
  const ours = new Set(
    [j.newKey?.id, named?.id, ...(j.lostKeyIds ?? [])].filter(
      (id): id is string => id !== undefined && id !== j.oldKey.id,
    ),
  );
  const onOurs = (key: string | null | undefined): boolean => key != null && ours.has(key);
  const moving = (await client.listChatflows()).filter((f) => onOurs(f.apikeyid));
  await eachFlow(moving, concurrency(run), async (flow) => {
    await client.setChatflowKey(flow.id, j.oldKey.id);
    await run.hook('rollback:flow');
    if ((await client.getChatflow(flow.id)).apikeyid !== j.oldKey.id)
      throw new AppError('conflict', `The flow "${flow.name}" does not keep the old key.`);
    await run.hook('rollback:read-back');
  });
  const after = await client.listChatflows();
  const left = after.filter((f) => onOurs(f.apikeyid));
  if (left.length > 0)
    throw new AppError(
      'conflict',
      `${countOf(left.length, 'flow')} ${plural(left.length, 'is', 'are')} still on the new key, so it is kept: ${left.map((f) => `"${f.name}"`).join(', ')}.`,
    );
  await run.hook('rollback:checked');
  const listed = rows.filter((r) => ours.has(r.id));
  for (const row of listed) {
    await client.deleteKey(row.id);
    await run.hook('rollback:deleted');
  }
  for (const id of ours) await run.deps.known.forget(j.instanceId, id);
  // Only what the server showed after the moves: a flow not on the old key now is not restored.
  const onOld = new Set(after.filter((f) => f.apikeyid === j.oldKey.id).map((f) => f.id));
  const flows = run.journal.flows.map((f) => ({
    ...f,
    state: onOld.has(f.id) ? ('restored' as const) : ('skipped' as const),
  }));
  await run.replace({
    ...withoutValues(withoutFailure(run.journal)),
    flows,
    status: 'rolled_back',
  });
  const restored = flows.filter((f) => f.state === 'restored').length;
  await run.note(
    'rebind',
    'ok',
    `rolled back: ${countOf(moving.length, 'flow')} moved back, ${String(restored)} of ${String(flows.length)} read back on the old key; new key ${listed.length > 0 ? 'deleted' : ours.size > 0 ? 'already gone from the server' : 'was never created'}`,
  );
}
