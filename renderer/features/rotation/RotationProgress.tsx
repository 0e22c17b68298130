// Where a rotation stands: each step with its state, and each flow with the key it answers to.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { FLOW_STATES, PHASE_WORDS, STEP_LABELS, stepPhases } from './rotation-words.js';
import type { StepPhase } from './rotation-words.js';

const MARKS: Record<StepPhase, string> = {
  done: '✓',
  failed: '✗',
  skipped: '–',
  pending: '○',
  current: '…',
  showing: '…',
  waiting: '…',
};

/** `showing`: the new key is on screen now. */
export function RotationProgress({ view, showing }: { view: RotationView; showing: boolean }) {
  return (
    <ol className="rotation-steps" aria-label="Rotation steps">
      {stepPhases(view, showing).map(({ step, phase }) => (
        <li
          key={step}
          className={`rotation-step rotation-step-${phase}`}
          aria-current={
            phase === 'pending' || phase === 'done' || phase === 'skipped' || phase === 'failed'
              ? undefined
              : 'step'
          }
        >
          <span className="rotation-step-mark" aria-hidden="true">
            {MARKS[phase]}
          </span>
          {STEP_LABELS[step]} <span className="muted small">({PHASE_WORDS[phase]})</span>
        </li>
      ))}
    </ol>
  );
}

export function RotationFlows({ view }: { view: RotationView }) {
  if (view.flows.length === 0) return <p className="muted">No flow was bound to the old key.</p>;
  return (
    <ul className="rotation-flows" aria-label="Flows of this rotation">
      {view.flows.map((flow) => (
        <li key={flow.id}>
          {flow.name} <span className="muted small">({flow.type.toLowerCase()})</span>:{' '}
          {FLOW_STATES[flow.state]}
        </li>
      ))}
    </ul>
  );
}
