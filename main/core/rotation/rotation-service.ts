// rotation.*: the engine. A journal is saved before anything changes on the server and after every
// step; start and resume run the steps left up to grace, revoke runs the rest, rollback undoes
// what was done before revoke. A failed step is recorded in the journal (and the audit log) and
// the view is returned with the error, so the person can retry it (resume) or roll back.
import { AppError, isAppError, toWireError } from '../../../common/errors.js';
import type {
  KeyRotationPlan,
  RetryDeliveryArgs,
  RevokeArgs,
  RotationList,
  RotationStep,
  RotationView,
  StartRotationArgs,
} from '../../../common/ipc/schemas/rotation.js';
import { describeTarget } from '../delivery/describe-target.js';
import { deliverStep, retryDeliveries } from './deliver-step.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import { confirmStep, renameStep, revokeStep } from './finish-steps.js';
import { switchStep } from './admin-switch.js';
import { createStep, rebindStep, revealStep, verifyStep } from './forward-steps.js';
import type { RotationCheckpoint } from './rotation-checkpoints.js';
import type { RotationDeps } from './rotation-deps.js';
import type { Journal } from './rotation-journal.js';
import { isFinished, stepIndex } from './rotation-journal.js';
import { newJournal, newRotationId, planRotation } from './rotation-plan.js';
import { createReauth } from './rotation-reauth.js';
import type { Run } from './rotation-run.js';
import { createRun, newKeyOf, withoutFailure } from './rotation-run.js';
import { blockersOf, canRevoke, canRollback, toView } from './rotation-view.js';
import { rollbackSteps } from './rollback-steps.js';
import { keySlot, refuseOverlap } from './rotation-overlap.js';
import { forgetLostKey } from './lost-key.js';
import { countOf } from '../../../common/words.js';

export interface RotationService {
  plan(args: { instanceId: string; keyId: string }): Promise<KeyRotationPlan>;
  /** `batchId` (main only, never from the renderer) groups the rotations of a bulk rotation. */
  start(args: StartRotationArgs, batchId?: string): Promise<RotationView>;
  resume(args: { rotationId: string }): Promise<RotationView>;
  reveal(args: { rotationId: string; password?: string | undefined }): Promise<RotationView>;
  revoke(args: RevokeArgs): Promise<RotationView>;
  retryDelivery(args: RetryDeliveryArgs): Promise<RotationView>;
  rollback(args: { rotationId: string }): Promise<RotationView>;
  list(): RotationList;
}

type Step = (run: Run) => Promise<void>;
const FORWARD: readonly [RotationStep, Step, RotationCheckpoint][] = [
  ['stash', createStep, 'stash:done'],
  ['rebind', rebindStep, 'rebind:done'],
  ['verify', verifyStep, 'verify:done'],
  ['switch', switchStep, 'switch:done'],
];

export function createRotationService(deps: RotationDeps): RotationService {
  const { journals } = deps;
  const busy = new Set<string>();
  const starting = new Set<string>();
  const reauth = createReauth(deps);

  const find = (rotationId: string): Journal => {
    const journal = journals.get(rotationId);
    if (journal === undefined)
      throw new AppError('not_found', 'That rotation is not in this vault.', { rotationId });
    return journal;
  };

  /** One call at a time per rotation: two runs of the same journal would race on the server. */
  async function exclusive(rotationId: string, job: () => Promise<RotationView>) {
    if (busy.has(rotationId))
      throw new AppError('conflict', 'This rotation is already running.', { rotationId });
    busy.add(rotationId);
    try {
      return await job();
    } finally {
      busy.delete(rotationId);
    }
  }

  /** Runs `job` as `step`; a failure is kept in the journal and returned in the view. */
  async function attempt(run: Run, step: RotationStep, job: () => Promise<void>) {
    try {
      await job();
      return true;
    } catch (error) {
      const wire = toWireError(error);
      // If even this save fails (vault locked, disk gone), the caller gets the error itself.
      await run.save({ status: 'failed', failedStep: step, error: wire }).catch(() => {
        throw error;
      });
      await run.note(step, 'failed', `${wire.code}: ${wire.message}`).catch(() => undefined);
      return false;
    }
  }

  async function forward(run: Run): Promise<RotationView> {
    if (run.journal.newKeyGone === true) await forgetLostKey(run);
    if (run.journal.status === 'failed') await run.replace(withoutFailure(run.journal));
    if (run.journal.status !== 'running') await run.save({ status: 'running' });
    for (const [step, job, done] of FORWARD) {
      if (stepIndex(run.journal.reached) >= stepIndex(step)) continue;
      if (step === 'switch' && run.journal.admin !== true) continue;
      const failedAs = step === 'stash' && run.journal.newKey === undefined ? 'create' : step;
      if (!(await attempt(run, failedAs, () => job(run)))) return toView(run.journal);
      await run.hook(done);
    }
    let ticket: string | undefined;
    const revealed = await attempt(run, 'reveal', async () => {
      ticket = await revealStep(run);
    });
    if (revealed) await run.hook('reveal:done');
    if (revealed) await deliver(run);
    return toView(run.journal, revealed ? ticket : undefined);
  }

  /** The deliver step, for a key with delivery targets. */
  async function deliver(run: Run): Promise<void> {
    if ((run.journal.deliveries ?? []).length === 0) return;
    if (run.journal.status === 'failed') await run.replace(withoutFailure(run.journal));
    await attempt(run, 'deliver', () => deliverStep(run));
  }

  async function finish(run: Run): Promise<RotationView> {
    if (run.journal.status === 'failed') await run.replace(withoutFailure(run.journal));
    if (stepIndex(run.journal.reached) < stepIndex('revoke'))
      if (!(await attempt(run, 'revoke', () => revokeStep(run)))) return toView(run.journal);
    await run.hook('revoke:done');
    // The new key takes over the old key's targets and policy, for its own next rotation.
    await deps.targets.move(
      run.journal.instanceId,
      run.journal.oldKey.id,
      newKeyOf(run.journal).id,
    );
    await deps.policies.moveKey(
      run.journal.instanceId,
      run.journal.oldKey.id,
      newKeyOf(run.journal).id,
    );
    if (!(await attempt(run, 'confirm', () => renameStep(run)))) return toView(run.journal);
    await attempt(run, 'confirm', () => confirmStep(run));
    return toView(run.journal);
  }

  async function undo(run: Run): Promise<RotationView> {
    await attempt(run, 'rebind', () => rollbackSteps(run));
    return toView(run.journal);
  }

  async function begin(args: StartRotationArgs, batchId?: string): Promise<RotationView> {
    refuseOverlap(deps, args.instanceId, { id: args.keyId });
    const id = newRotationId();
    const { plan, old, missing } = await planRotation(deps, args, id);
    // By name too: a replacement made just before a crash is not in its journal yet.
    refuseOverlap(deps, args.instanceId, { id: old.id, name: old.keyName });
    // Swapping the key the vault manages an instance with is done alone, with the person watching.
    if (plan.admin === true && batchId !== undefined)
      throw new AppError(
        'precondition_failed',
        `"${plan.oldKey.name}" is the key this app uses to manage ${plan.instanceName}; rotate it on its own from the Keys page.`,
      );
    if (missing.length > 0)
      throw new AppError(
        'forbidden',
        `The instance's admin key does not hold ${missing.join(', ')}, so it cannot create the replacement.`,
        { missing: missing.join(',') },
      );
    const targets = deps.targets.list(args.instanceId, old.id);
    const journal = {
      ...newJournal(plan, old.apiKey, id, args.probeFlowIds ?? [], deps.clock.now()),
      ...(batchId === undefined ? {} : { batchId }),
      ...(targets.length === 0
        ? {}
        : { deliveries: targets.map((target) => ({ target, state: 'pending' as const })) }),
    };
    return exclusive(id, async () => {
      const run = createRun(deps, journal);
      await run.replace(journal);
      await run.hook('plan:saved');
      await run.note(
        'plan',
        'ok',
        `replacing ${maskKey(old.apiKey)} (${fingerprint(old.apiKey)}) with "${plan.newKeyName}"; ${countOf(plan.flows.length, 'flow')} to rebind`,
      );
      return forward(run);
    });
  }

  return {
    async plan(args) {
      const found = await planRotation(deps, args, newRotationId());
      const { old } = found;
      const targets = deps.targets.list(args.instanceId, old.id);
      const plan =
        targets.length === 0
          ? found.plan
          : {
              ...found.plan,
              targets: targets.map((t) => ({ id: t.id, label: t.label, words: describeTarget(t) })),
            };
      // Said on the plan already, rather than only once "Start rotation" is pressed.
      try {
        refuseOverlap(deps, args.instanceId, { id: old.id, name: old.keyName });
        return plan;
      } catch (error) {
        if (!isAppError(error, 'conflict')) throw error;
        return { ...plan, blocked: error.message };
      }
    },

    start: (args, batchId) => {
      // Two starts for one key at once would both pass the check below and make two journals.
      const slot = keySlot(deps, args.instanceId, args.keyId);
      if (starting.has(slot))
        return Promise.reject(new AppError('conflict', 'This key is already being rotated.'));
      starting.add(slot);
      return begin(args, batchId).finally(() => starting.delete(slot));
    },

    resume: ({ rotationId }) =>
      exclusive(rotationId, async () => {
        const run = createRun(deps, find(rotationId));
        const j = run.journal;
        if (isFinished(j)) return toView(j);
        if (j.rollingBack) return undo(run);
        // "Create it again": forward makes a fresh replacement, even after grace.
        if (j.newKeyGone === true) return forward(run);
        // A revoke that failed before its point of no return is retried as a revoke.
        const revoking = j.status === 'failed' && j.failedStep === 'revoke';
        if (revoking || stepIndex(j.reached) >= stepIndex('grace')) return finish(run);
        // Stopped between deliveries: carry on, never running a target twice unless idempotent.
        if (stepIndex(j.reached) === stepIndex('reveal') && (j.deliveries ?? []).length > 0) {
          await deliver(run);
          return toView(run.journal);
        }
        if (j.status === 'waiting') return toView(j);
        return forward(run);
      }),

    reveal: ({ rotationId, password }) =>
      exclusive(rotationId, async () => {
        const run = createRun(deps, find(rotationId));
        await reauth(password);
        const value = run.journal.newKey?.value;
        if (!canRevoke(run.journal) || value === undefined)
          throw new AppError(
            'precondition_failed',
            'The new key can be shown again only while the rotation waits in its grace period.',
          );
        const ticket = deps.tickets.issue(value, {
          instanceId: run.journal.instanceId,
          instanceName: run.journal.instanceName,
          keyName: run.journal.newKeyName,
          again: true,
        });
        await run.hook('reveal-again:issued');
        await run.save({ revealedAt: deps.clock.now() });
        await run.note('reveal', 'ok', 'another one-time reveal ticket issued');
        return toView(run.journal, ticket);
      }),

    revoke: ({ rotationId, override }) =>
      exclusive(rotationId, async () => {
        const run = createRun(deps, find(rotationId));
        if (!canRevoke(run.journal))
          throw new AppError(
            'precondition_failed',
            'The old key can be revoked only once the new key is verified and revealed.',
          );
        const blockers = blockersOf(run.journal).join('; ');
        if (blockers !== '' && run.journal.overridden !== blockers) {
          if (override !== blockers)
            throw new AppError(
              'precondition_failed',
              `Revoke is held back: ${blockers}. Retry or roll back, or confirm that you revoke anyway.`,
              { blockers },
            );
          await run.save({ overridden: blockers });
          await run.note('revoke', 'ok', `revoked although ${blockers}, as confirmed`);
        }
        return finish(run);
      }),

    retryDelivery: ({ rotationId, targetIds }) =>
      exclusive(rotationId, async () => {
        const run = createRun(deps, find(rotationId));
        if (!canRevoke(run.journal) || (run.journal.deliveries ?? []).length === 0)
          throw new AppError(
            'precondition_failed',
            'Deliveries can be retried only while the rotation waits in its grace period.',
          );
        await attempt(run, 'deliver', () => retryDeliveries(run, targetIds));
        return toView(run.journal);
      }),

    rollback: ({ rotationId }) =>
      exclusive(rotationId, async () => {
        const run = createRun(deps, find(rotationId));
        if (!canRollback(run.journal))
          throw new AppError(
            'precondition_failed',
            isFinished(run.journal)
              ? 'This rotation has already ended.'
              : 'The old key may already be revoked, so this rotation can only go forward. Resume it.',
          );
        return undo(run);
      }),

    list() {
      const rotations = journals
        .all()
        .sort((a, b) => b.startedAt - a.startedAt)
        .map((j) => toView(j));
      return { rotations };
    },
  };
}
