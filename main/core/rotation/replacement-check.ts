// The replacement key as the server has it. Flowise does not check that the key a chatflow is
// bound to exists, so a step that binds flows to the journaled key, checks it, or deletes the old
// key for it first makes sure it is still there, by its id and its value (a key's value never
// changes). If it is gone, the journal says so and resume creates another.
import { AppError } from '../../../common/errors.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import { switchBack } from './admin-switch.js';
import type { Journal } from './rotation-journal.js';
import type { Run } from './rotation-run.js';
import { newKeyOf, withoutFailure } from './rotation-run.js';

/** Resolves when the journaled replacement is on the server (read from `rows`, or listed now);
 * otherwise marks it gone in the journal and throws. */
export async function requireNewKey(run: Run, rows?: readonly ApiKeyRow[]): Promise<void> {
  const { id, value } = newKeyOf(run.journal);
  const list = rows ?? (await run.admin().listKeys());
  if (list.some((r) => r.id === id && r.apiKey === value)) return;
  await run.save({ newKeyGone: true });
  throw new AppError(
    'conflict',
    `The new key "${run.journal.newKeyName}" is no longer on the server, so no flow was moved to it and the old key was kept. Resume to create a new key again and move the flows to it, or roll back.`,
    { newKeyGone: true },
  );
}

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
