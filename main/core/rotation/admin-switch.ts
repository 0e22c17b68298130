// The admin key's own rotation: the key the vault stores for the instance moves to the new key
// once verify has proved it works, and back to the old key on rollback. Each move is a plain
// instance edit (audited, announced), done only when the stored key is the one expected, so it
// can run again after a crash; the journal holds both values until the rotation ends.
import { AppError, isAppError } from '../../../common/errors.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import { fingerprint } from '../flowise/mask.js';
import { proveKeyWorks } from './key-probe.js';
import { requireNewKey } from './replacement-check.js';
import type { Run } from './rotation-run.js';
import { newKeyOf } from './rotation-run.js';

function storedKey(run: Run): string {
  return run.deps.clients.record(run.journal.instanceId).adminKey;
}

/** Makes the new key the stored admin key; throws if someone saved a third key meanwhile. */
export async function ensureSwitched(run: Run): Promise<boolean> {
  const j = run.journal;
  const { value } = newKeyOf(j);
  const stored = storedKey(run);
  if (stored === value) return false;
  if (stored !== j.oldKey.value)
    throw new AppError(
      'conflict',
      `The admin key saved for ${j.instanceName} was changed while this rotation ran, so the app leaves it alone. Roll the rotation back, or edit the instance.`,
    );
  await run.deps.setAdminKey(j.instanceId, value);
  await run.hook('switch:saved');
  return true;
}

/** switch: the vault manages the instance with the new key from here on. */
export async function switchStep(run: Run): Promise<void> {
  const switched = await ensureSwitched(run);
  // Through the stored profile, as every later call will go: proves the edit took. A 401 here
  // may mean the new key was deleted on the server: then resume makes another. Until the new key
  // has proved itself the vault keeps managing the instance with the old one, so any failure
  // stores the old key again (resume switches and proves once more).
  try {
    await withAdmin(run, (client) => proveKeyWorks(client, run.journal.permissions));
  } catch (error) {
    await switchBack(run);
    throw error;
  }
  await run.hook('switch:proved');
  await run.save({ reached: 'switch' });
  const { value } = newKeyOf(run.journal);
  await run.note(
    'switch',
    'ok',
    `${switched ? 'the admin key saved for' : 'already the admin key of'} ${run.journal.instanceName}: "${run.journal.newKeyName}" (${fingerprint(value)})`,
  );
}

/** Rollback's first move: the old key is stored again, before the new key is deleted. */
export async function switchBack(run: Run): Promise<void> {
  const j = run.journal;
  const old = j.oldKey.value;
  const fresh = j.newKey?.value;
  if (old === undefined || fresh === undefined || storedKey(run) !== fresh) return;
  await run.deps.setAdminKey(j.instanceId, old);
  await run.hook('rollback:switched');
  await run.note('switch', 'ok', `the old key is the admin key saved for ${j.instanceName} again`);
}

/** Runs `call` with the stored admin key. In an admin rotation the stored key may be the new
 * key; if the server refuses it (401), the old key from the journal asks whether the new key is
 * still there. When it is gone, the old key is stored again (the vault must not manage the
 * instance with a deleted key) and the error is requireNewKey's, so resume can create another
 * instead of failing with the same 401 forever. */
export async function withAdmin<T>(
  run: Run,
  call: (client: FlowiseClient) => Promise<T>,
): Promise<T> {
  try {
    return await call(run.admin());
  } catch (error) {
    const j = run.journal;
    const old = j.oldKey.value;
    const fresh = j.newKey;
    if (
      !isAppError(error, 'unauthorized') ||
      j.admin !== true ||
      old === undefined ||
      fresh?.value === undefined ||
      storedKey(run) !== fresh.value
    )
      throw error;
    const rows = await run.as(old).listKeys();
    if (!rows.some((r) => r.id === fresh.id && r.apiKey === fresh.value)) await switchBack(run);
    await requireNewKey(run, rows);
    throw error;
  }
}
