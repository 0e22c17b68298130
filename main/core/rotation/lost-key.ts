// Resume after the replacement vanished from the server: another is made, and the lost one's id
// is kept so that flows the server still shows on it are moved too.
import { switchBack } from './admin-switch.js';
import type { Journal } from './rotation-journal.js';
import type { Run } from './rotation-run.js';
import { withoutFailure } from './rotation-run.js';

/** "Create it again": the lost replacement is forgotten (its id kept, to find flows still on it)
 * and the rotation goes back to before create, so the next run makes and journals a fresh key. */
export async function forgetLostKey(run: Run): Promise<void> {
  const j = run.journal;
  // The vault must not go on managing the instance with a key the server no longer has.
  if (j.admin === true) await switchBack(run);
  const lost = run.journal.newKey;
  const next: Journal = {
    ...withoutFailure(run.journal),
    reached: 'plan',
    status: 'running',
    lostKeyIds: [...(j.lostKeyIds ?? []), ...(lost === undefined ? [] : [lost.id])],
  };
  delete next.newKey;
  delete next.newKeyGone;
  delete next.cutoverMs;
  await run.replace(next);
  if (lost !== undefined) await run.deps.known.forget(j.instanceId, lost.id);
  await run.note(
    'create',
    'ok',
    `the new key "${j.newKeyName}" was gone from the server; another is made`,
  );
}
