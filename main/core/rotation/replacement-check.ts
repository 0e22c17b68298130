// The replacement key as the server has it. Flowise does not check that the key a chatflow is
// bound to exists, so a step that binds flows to the journaled key, checks it, or deletes the old
// key for it first makes sure it is still there, by its id and its value (a key's value never
// changes). If it is gone, the journal says so and resume creates another.
import { AppError } from '../../../common/errors.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import type { Run } from './rotation-run.js';
import { newKeyOf } from './rotation-run.js';

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
