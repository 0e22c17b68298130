// What the steps, statuses and flow states of a rotation are called on screen.
import type {
  RotationFlow,
  RotationStatus,
  RotationStep,
  RotationView,
} from '../../../common/ipc/schemas/rotation.js';

export const STEP_LABELS: Record<RotationStep, string> = {
  plan: 'Save the plan',
  create: 'Create the new key',
  stash: 'Save the new key in the vault',
  rebind: 'Move the flows to the new key',
  verify: 'Check the flows and the new key',
  switch: "Switch the app's admin key to the new key",
  reveal: 'Show the new key once',
  deliver: 'Deliver the new key to its targets',
  grace: 'Update your apps',
  revoke: 'Revoke the old key',
  confirm: 'Confirm the old key is refused',
};

export const STATUS_LABELS: Record<RotationStatus, string> = {
  running: 'In progress',
  waiting: 'Waiting for you to revoke the old key',
  failed: 'Stopped by an error',
  done: 'Done: old key revoked',
  rolled_back: 'Rolled back',
};

export const FLOW_STATES: Record<RotationFlow['state'], string> = {
  pending: 'still on the old key',
  rebound: 'on the new key',
  verified: 'on the new key, checked',
  restored: 'back on the old key',
  skipped: 'left alone',
};

export type StepPhase =
  'done' | 'failed' | 'skipped' | 'pending' | 'current' | 'showing' | 'waiting';

/** Each step with where it stands; the next pending step of a running rotation is "current".
 * In grace, the reveal is "showing" while the new key is on screen (`showing`), and the wait for
 * the person is "waiting", not "not started". The admin key switch is left out of other
 * rotations, where it never runs. */
export function stepPhases(
  view: RotationView,
  showing = false,
): { step: RotationStep; phase: StepPhase }[] {
  const steps = view.steps.filter((s) => view.admin === true || s.step !== 'switch');
  const next = steps.find((s) => s.state === 'pending');
  const waiting = view.status === 'waiting';
  return steps.map(({ step, state }) => ({
    step,
    phase:
      waiting && showing && step === 'reveal'
        ? 'showing'
        : waiting && !showing && step === 'grace' && state === 'pending'
          ? 'waiting'
          : view.status === 'running' && step === next?.step
            ? 'current'
            : state,
  }));
}

export const PHASE_WORDS: Record<StepPhase, string> = {
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'not started',
  current: 'in progress',
  showing: 'on screen now',
  waiting: 'waiting for you',
};

export function when(ms: number): string {
  return new Date(ms).toLocaleString();
}
