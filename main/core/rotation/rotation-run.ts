// One rotation in progress: its journal, how a change to it is saved (vault, then a progress
// event), and how a step lands in the audit log.
import { AppError } from '../../../common/errors.js';
import type { RotationStep } from '../../../common/ipc/schemas/rotation.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { RotationCheckpoint } from './rotation-checkpoints.js';
import type { RotationDeps } from './rotation-deps.js';
import type { Journal } from './rotation-journal.js';
import { toView } from './rotation-view.js';

export interface Run {
  readonly deps: RotationDeps;
  readonly journal: Journal;
  /** Merges the patch, saves the journal in the vault, then tells the renderer. */
  save(patch: Partial<Journal>): Promise<void>;
  /** Replaces the journal (to drop fields), saves it, then tells the renderer. */
  replace(next: Journal): Promise<void>;
  note(step: RotationStep, outcome: 'ok' | 'failed', detail: string): Promise<void>;
  hook(point: RotationCheckpoint): Promise<void>;
  /** The instance's client, with its admin key. */
  admin(): FlowiseClient;
  /** A client of the instance that authenticates with `value`. */
  as(value: string): FlowiseClient;
}

export function createRun(deps: RotationDeps, initial: Journal): Run {
  let journal = initial;
  const replace = async (next: Journal): Promise<void> => {
    journal = { ...next, updatedAt: deps.clock.now() };
    await deps.hooks?.at('journal:saving');
    await deps.journals.save(journal);
    await deps.hooks?.at('journal:saved');
    deps.events.emit('rotation.progress', toView(journal));
  };
  return {
    deps,
    get journal() {
      return journal;
    },
    save: (patch) => replace({ ...journal, ...patch }),
    replace,
    async note(step, outcome, detail) {
      await deps.audit.append({
        action: 'rotation.step',
        outcome,
        instanceId: journal.instanceId,
        instanceName: journal.instanceName,
        subject: {
          kind: 'rotation',
          id: journal.id,
          name: journal.oldKey.name,
          fingerprint: journal.oldKey.fingerprint,
        },
        detail: `${step}: ${detail}`.slice(0, 500),
      });
    },
    hook: async (point) => {
      await deps.hooks?.at(point);
    },
    admin: () => deps.clients.client(journal.instanceId),
    as: (value) => deps.clientWithKey(journal.instanceId, value),
  };
}

export function newKeyOf(journal: Journal): { id: string; value: string } {
  const key = journal.newKey;
  if (key?.value === undefined)
    throw new AppError('internal', 'The rotation journal has lost track of the new key.');
  return { id: key.id, value: key.value };
}

/** The journal without its key values: what is left once the rotation has ended. */
export function withoutValues(journal: Journal): Journal {
  const next = structuredClone(journal);
  delete next.oldKey.value;
  if (next.newKey !== undefined) delete next.newKey.value;
  return next;
}

/** The journal without the last failure, for a step that is tried again. */
export function withoutFailure(journal: Journal): Journal {
  const next = { ...journal };
  delete next.error;
  delete next.failedStep;
  return next;
}
