// The rotation.* part of the contract: a single key's guided rotation, resumable from its journal.
import { z } from 'zod';

import { method } from './define.js';
import {
  BatchPlan,
  BatchRef,
  BatchResult,
  BatchSelection,
  StartManyArgs,
} from './schemas/rotation-batch.js';
import {
  KeyRotationPlan,
  RotationList,
  RotationPlanArgs,
  RotationRef,
  RotationRevealArgs,
  RotationView,
  StartRotationArgs,
} from './schemas/rotation.js';

export const rotationMethods = {
  /** The affected flows and the permissions to copy; nothing is changed or saved. */
  plan: method(z.tuple([RotationPlanArgs]), KeyRotationPlan),
  /** Saves a journal and runs every step up to grace (or up to the step that fails). */
  start: method(z.tuple([StartRotationArgs]), RotationView),
  /** Continues an unfinished rotation from its journal: retries the failed or interrupted step. */
  resume: method(z.tuple([RotationRef]), RotationView),
  /** A fresh one-time ticket for the new key while the rotation is in grace. Like keys.copy, it
   * asks for the master password (reauth_required) once the unlock is older than the window. */
  reveal: method(z.tuple([RotationRevealArgs]), RotationView),
  /** Ends grace: deletes the old key, then checks that it is refused. */
  revoke: method(z.tuple([RotationRef]), RotationView),
  /** Before revoke only: flows back to the old key, then the new key deleted. */
  rollback: method(z.tuple([RotationRef]), RotationView),
  /** Every journal, newest first; `unfinished` ones are offered for resume after an unlock. */
  list: method(z.tuple([]), RotationList),
  /** Bulk: the keys a policy (or the person) picks, each with its plan or why it cannot go. */
  planMany: method(z.tuple([BatchSelection]), BatchPlan),
  /** Bulk: one rotation per key, each up to grace, sharing a batch id; a failure stops only its key. */
  startMany: method(z.tuple([StartManyArgs]), BatchResult),
  /** Bulk: revokes the old key of every rotation of the batch that waits in grace. */
  revokeMany: method(z.tuple([BatchRef]), BatchResult),
} as const;
