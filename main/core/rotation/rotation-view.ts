// A journal as the renderer may see it: the values stripped, the step list derived.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import type { Journal } from './rotation-journal.js';
import { STEPS, isFinished, stepIndex } from './rotation-journal.js';

function stepStates(journal: Journal): RotationView['steps'] {
  const reached = stepIndex(journal.reached);
  return STEPS.map((step, i) => {
    if (step === 'switch' && journal.admin !== true) return { step, state: 'skipped' as const };
    if (i <= reached) return { step, state: 'done' as const };
    if (journal.status === 'failed' && journal.failedStep === step)
      return { step, state: 'failed' as const };
    if (journal.status === 'rolled_back') return { step, state: 'skipped' as const };
    return { step, state: 'pending' as const };
  });
}

/** Until the old key may have been deleted: revoke saves `grace` as reached before it deletes. */
export function canRollback(journal: Journal): boolean {
  return !isFinished(journal) && stepIndex(journal.reached) < stepIndex('grace');
}

export function canRevoke(journal: Journal): boolean {
  return (
    !isFinished(journal) &&
    !journal.rollingBack &&
    journal.newKeyGone !== true &&
    stepIndex(journal.reached) >= stepIndex('reveal')
  );
}

export function toView(journal: Journal, ticket?: string): RotationView {
  const key = ({ id, name, masked, fingerprint }: NonNullable<Journal['newKey']>) => ({
    id,
    name,
    masked,
    fingerprint,
  });
  return {
    id: journal.id,
    instanceId: journal.instanceId,
    instanceName: journal.instanceName,
    oldKey: key(journal.oldKey),
    newKeyName: journal.newKeyName,
    ...(journal.newKey === undefined ? {} : { newKey: key(journal.newKey) }),
    ...(journal.permissions === undefined ? {} : { permissions: journal.permissions }),
    flows: journal.flows.map((f) => ({ ...f })),
    status: journal.status,
    reached: journal.reached,
    steps: stepStates(journal),
    ...(journal.status === 'failed' && journal.failedStep !== undefined
      ? { failedStep: journal.failedStep }
      : {}),
    ...(journal.status === 'failed' && journal.error !== undefined ? { error: journal.error } : {}),
    canRollback: canRollback(journal),
    canRevoke: canRevoke(journal),
    rollingBack: journal.rollingBack && !isFinished(journal),
    unfinished: !isFinished(journal),
    startedAt: journal.startedAt,
    updatedAt: journal.updatedAt,
    ...(journal.revealedAt === undefined ? {} : { revealedAt: journal.revealedAt }),
    ...(journal.cutoverMs === undefined ? {} : { cutoverMs: journal.cutoverMs }),
    ...(journal.newKeyGone === true && !isFinished(journal) ? { newKeyGone: true as const } : {}),
    ...(journal.admin === true ? { admin: true } : {}),
    ...(journal.batchId === undefined ? {} : { batchId: journal.batchId }),
    ...(ticket === undefined ? {} : { ticket }),
  };
}
