// After grace, only forward: revoke checks that the new key is there, moves any flow still on the
// old key, saves `grace` (its point of no return) and deletes the old key (once: a key already
// gone is not deleted again); confirm checks that the server now refuses it.
import { AppError, isAppError } from '../../../common/errors.js';
import { ensureSwitched, withAdmin } from './admin-switch.js';
import { proveKeyRefused, proveKeyWorks } from './key-probe.js';
import { requireNewKey } from './replacement-check.js';
import { refuseStoredAdminKey } from './rotation-overlap.js';
import { eachFlow } from './each-limited.js';
import type { JournalFlow } from './rotation-journal.js';
import { stepIndex } from './rotation-journal.js';
import type { Run } from './rotation-run.js';
import { newKeyOf, withoutValues } from './rotation-run.js';
import { concurrency } from './forward-steps.js';
import { flowType } from '../keys/key-summaries.js';
import { countOf, plural } from '../../../common/words.js';
import { normaliseKeyName } from '../flowise/keys-api.js';
import { originalName } from './rotation-plan.js';

export async function revokeStep(run: Run): Promise<void> {
  const j = run.journal;
  // Every check comes before `grace` is saved: until then a failed check leaves rollback open.
  // Normally done at switch already; the old key is never deleted while the vault still uses it.
  if (j.admin === true) await ensureSwitched(run);
  refuseStoredAdminKey(run);
  const client = run.admin();
  const { id: newId } = newKeyOf(j);
  // In an admin rotation a 401 here may mean the stored new key was deleted on the server.
  const [rows, flows] = await withAdmin(run, (c) => Promise.all([c.listKeys(), c.listChatflows()]));
  await run.hook('revoke:read');
  // Deleting the old key while the new one is gone would lock every flow out.
  await requireNewKey(run, rows);
  // Flows bound to the old key during grace would be locked out by the delete: move them too.
  const stragglers = flows.filter((f) => f.apikeyid === j.oldKey.id);
  await eachFlow(stragglers, concurrency(run), async (flow) => {
    await client.setChatflowKey(flow.id, newId);
    await run.hook('revoke:late-moved');
    if ((await client.getChatflow(flow.id)).apikeyid !== newId)
      throw new AppError('conflict', `The flow "${flow.name}" does not keep the new key.`);
    await run.hook('revoke:late-checked');
  });
  if (stragglers.length > 0) {
    const known = new Set(j.flows.map((f) => f.id));
    const added: JournalFlow[] = stragglers
      .filter((f) => !known.has(f.id))
      .map((f) => ({
        id: f.id,
        name: f.name,
        type: flowType(f.type),
        state: 'verified',
        probe: false,
      }));
    await run.save({ flows: [...j.flows, ...added] });
  }
  await run.hook('revoke:moved');
  // Read again right before the delete: the lists above may be stale by now.
  const [keysNow, flowsNow] = await Promise.all([client.listKeys(), client.listChatflows()]);
  await run.hook('revoke:reread');
  await requireNewKey(run, keysNow);
  const still = flowsNow.filter((f) => f.apikeyid === j.oldKey.id);
  if (still.length > 0)
    throw new AppError(
      'conflict',
      `The old key "${j.oldKey.name}" is still bound to ${countOf(still.length, 'flow')}: ${still.map((f) => `"${f.name}"`).join(', ')}, so it was not deleted. Resume to move ${plural(still.length, 'it', 'them')} to the new key and revoke again.`,
      { boundFlows: still.map((f) => f.name).join(', ') },
    );
  if (stepIndex(run.journal.reached) < stepIndex('grace')) {
    // From here on the old key may be gone: no more rollback.
    await run.save({ reached: 'grace', status: 'running' });
    await run.note('grace', 'ok', 'grace period ended by the user');
    await run.hook('grace:saved');
  }
  const present = keysNow.some((r) => r.id === j.oldKey.id);
  if (present) {
    await client.deleteKey(j.oldKey.id);
    await run.hook('revoke:deleted');
  }
  await run.deps.known.forget(j.instanceId, j.oldKey.id);
  await run.save({ reached: 'revoke' });
  await run.note(
    'revoke',
    'ok',
    (present ? 'old key deleted' : 'old key was already gone') +
      (stragglers.length > 0 ? `; ${countOf(stragglers.length, 'late flow')} moved first` : ''),
  );
}

/** Once the old key is gone, the new key takes its name: the suffix only served to find it after
 * a crash. One PUT, journaled after; a crash in between sends the same PUT again on resume. */
export async function renameStep(run: Run): Promise<void> {
  const j = run.journal;
  const target = originalName(j.oldKey.name);
  const fresh = j.newKey;
  if (fresh === undefined || normaliseKeyName(fresh.name) === target || target === '') return;
  try {
    await run.admin().updateKey(fresh.id, { keyName: target, permissions: j.permissions });
  } catch (error) {
    // A key that may not rename keys still finishes the rotation; the name keeps its suffix.
    if (!isAppError(error, 'forbidden')) throw error;
    await run.note('revoke', 'failed', `new key not renamed to "${target}": ${error.message}`);
    return;
  }
  await run.hook('rename:put');
  await run.save({ newKey: { ...fresh, name: target } });
  // What the vault shows without asking the server (the Due list, audit names) follows the rename.
  const known = run.deps.known.find(j.instanceId, fresh.id);
  if (known !== undefined) await run.deps.known.remember({ ...known, keyName: target });
  await run.note('revoke', 'ok', `new key renamed to "${target}"`);
}

export async function confirmStep(run: Run): Promise<void> {
  const j = run.journal;
  const old = j.oldKey;
  if (old.value !== undefined) await proveKeyRefused(run.as(old.value), old.name);
  await run.hook('confirm:refused');
  if (j.admin === true) {
    await proveKeyWorks(run.admin(), j.permissions);
    await run.hook('confirm:admin-proved');
  }
  await run.replace({ ...withoutValues(j), reached: 'confirm', status: 'done' });
  await run.note(
    'confirm',
    'ok',
    `the server refuses the old key (401)${j.admin === true ? "; the vault's admin key still manages the instance" : ''}; rotation done`,
  );
}
