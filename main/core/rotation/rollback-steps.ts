// Rollback, possible until revoke begins: every flow on the new key goes back to the old one and
// reads it back, and only when no flow is left on the new key is that key deleted.
import { AppError } from '../../../common/errors.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import { eachFlow } from './rotation-deps.js';
import type { Run } from './rotation-run.js';
import { withoutFailure, withoutValues } from './rotation-run.js';
import { concurrency } from './forward-steps.js';
import { switchBack } from './admin-switch.js';

export async function rollbackSteps(run: Run): Promise<void> {
  const j = run.journal;
  const rows = await run.admin().listKeys();
  if (!rows.some((r) => r.id === j.oldKey.id))
    throw new AppError(
      'conflict',
      `The old key "${j.oldKey.name}" is no longer on the server, so the flows cannot go back to it. Resume the rotation instead.`,
    );
  if (!j.rollingBack) {
    await run.replace({ ...withoutFailure(j), rollingBack: true, status: 'running' });
    await run.note('rebind', 'ok', 'rollback begins');
  }
  // The vault goes back to the old key first: it must never hold the key about to be deleted.
  if (j.admin === true) await switchBack(run);
  // The journal may not know the new key yet if the app stopped right after creating it.
  const newRow =
    rows.find((r) => r.id === j.newKey?.id) ??
    rows.find((r) => normaliseKeyName(r.keyName) === normaliseKeyName(j.newKeyName));
  let restored = 0;
  if (newRow !== undefined) {
    const client = run.admin();
    const onNew = (await client.listChatflows()).filter((f) => f.apikeyid === newRow.id);
    await eachFlow(onNew, concurrency(run), async (flow) => {
      await client.setChatflowKey(flow.id, j.oldKey.id);
      await run.hook('rollback:flow');
      if ((await client.getChatflow(flow.id)).apikeyid !== j.oldKey.id)
        throw new AppError('conflict', `The flow "${flow.name}" does not keep the old key.`);
    });
    restored = onNew.length;
    const left = (await client.listChatflows()).filter((f) => f.apikeyid === newRow.id);
    if (left.length > 0)
      throw new AppError(
        'conflict',
        `${String(left.length)} flow(s) are still on the new key, so it is kept.`,
      );
    await client.deleteKey(newRow.id);
    await run.hook('rollback:deleted');
    await run.deps.known.forget(j.instanceId, newRow.id);
  }
  const flows = run.journal.flows.map((f) =>
    f.state === 'rebound' || f.state === 'verified' ? { ...f, state: 'restored' as const } : f,
  );
  await run.replace({
    ...withoutValues(withoutFailure(run.journal)),
    flows,
    status: 'rolled_back',
  });
  await run.note(
    'rebind',
    'ok',
    `rolled back: ${String(restored)} flow(s) back on the old key; new key ${newRow === undefined ? 'was never created' : 'deleted'}`,
  );
}
