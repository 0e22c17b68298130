// A journal as the renderer may see it: the values stripped, the step list derived.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { revokeBlockers } from '../delivery/deliver.js';
import type { Journal } from './rotation-journal.js';
import { STEPS, isFinished, stepIndex } from './rotation-journal.js';

function stepStates(journal: Journal): RotationView['steps'] {
  const reached = stepIndex(journal.reached);
  // A key without delivery targets has no deliver step at all.
  const steps =
    (journal.deliveries ?? []).length > 0 ? STEPS : STEPS.filter((s) => s !== 'deliver');
  return steps.map((step) => {
    const i = stepIndex(step);
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

/** The words of each target holding revoke back; empty when revoke may go ahead. */
export function blockersOf(journal: Journal): string[] {
  return revokeBlockers(
    (journal.deliveries ?? []).map((d) => ({
      label: d.target.label,
      delivered: d.state === 'delivered',
      ...(d.check === undefined ? {} : { checked: d.check === 'passed' }),
    })),
  );
}

function deliveryViews(journal: Journal): Pick<RotationView, 'deliveries' | 'revokeBlockers'> {
  const deliveries = journal.deliveries ?? [];
  if (deliveries.length === 0) return {};
  const blockers = isFinished(journal) ? [] : blockersOf(journal);
  return {
    deliveries: deliveries.map((d) => ({
      id: d.target.id,
      label: d.target.label,
      kind: d.target.target.kind,
      state: d.state,
      ...(d.check === undefined ? {} : { check: d.check }),
      ...(d.words === undefined ? {} : { words: d.words }),
      ...(d.output === undefined ? {} : { output: d.output }),
      ...(d.checkWords === undefined ? {} : { checkWords: d.checkWords }),
    })),
    ...(blockers.length === 0 ? {} : { revokeBlockers: blockers }),
  };
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
    ...deliveryViews(journal),
    ...(ticket === undefined ? {} : { ticket }),
  };
}
