// A started rotation: live progress, then whatever it needs from the person next (a failure to
// retry or roll back, the one-time reveal, the grace period), or how it ended.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { DialogClose } from '../../ui/Dialog.js';
import { DeliveryResults } from './DeliveryResults.js';
import { GraceStep } from './GraceStep.js';
import { RevealNewKey } from './RevealNewKey.js';
import { RotationFlows, RotationProgress } from './RotationProgress.js';
import { RotationFailure, RotationSummary } from './RotationOutcome.js';
import { STATUS_LABELS, STEP_LABELS, stepPhases } from './rotation-words.js';
import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';

export interface RunStepProps {
  /** Undefined until main has saved the first journal. */
  view: RotationView | undefined;
  /** A call of ours is in flight. */
  busy: boolean;
  /** What the last call threw (a conflict, a locked vault…), as words. */
  callError: string | null;
  ticket: string | null;
  onRevealed: () => void;
  onResume: () => void;
  onRollback: () => void;
  onShowAgain: () => void;
  onRevoke: (override?: string) => void;
  onRetryDelivery: (targetIds: string[]) => void;
}

function statusLine(view: RotationView): string {
  const current = stepPhases(view).find((s) => s.phase === 'current');
  if (current === undefined) return STATUS_LABELS[view.status];
  return `${STATUS_LABELS[view.status]}: ${STEP_LABELS[current.step]}…`;
}

function showsGrace(props: RunStepProps, view: RotationView): boolean {
  const revealing = props.ticket !== null && view.newKey !== undefined;
  return view.status === 'waiting' && view.canRevoke && !revealing;
}

function NextAction(props: RunStepProps & { view: RotationView }) {
  const { view, busy, ticket } = props;
  if (view.status === 'failed')
    return (
      <RotationFailure
        view={view}
        busy={busy}
        onRetry={props.onResume}
        onRollback={props.onRollback}
      />
    );
  if (view.status === 'done' || view.status === 'rolled_back')
    return <RotationSummary view={view} />;
  if (view.status === 'waiting' && view.canRevoke)
    return ticket !== null && view.newKey !== undefined ? (
      <RevealNewKey
        ticket={ticket}
        instanceId={view.instanceId}
        newKey={view.newKey}
        onDone={props.onRevealed}
      />
    ) : (
      <GraceStep
        view={view}
        busy={busy}
        onShowAgain={props.onShowAgain}
        onRevoke={props.onRevoke}
        onRollback={props.onRollback}
        onRetryDelivery={props.onRetryDelivery}
      />
    );
  if (busy) return null;
  return (
    <Alert actions={<Button onClick={props.onResume}>Resume</Button>}>
      <p>
        This rotation stopped before it finished, perhaps because the app was closed. Resume picks
        it up from the last step saved.
      </p>
    </Alert>
  );
}

export function RunStep(props: RunStepProps) {
  const { view, callError } = props;
  const finished = view !== undefined && !view.unfinished;
  const status = useFocusOnMount<HTMLParagraphElement>();
  return (
    <div className="stack">
      <p ref={status} tabIndex={-1} role="status" className="rotation-status">
        {view !== undefined
          ? statusLine(view)
          : props.busy
            ? 'Saving the plan…'
            : 'The rotation did not start.'}
      </p>
      {view === undefined ? null : <RotationProgress view={view} showing={props.ticket !== null} />}
      {callError === null ? null : (
        <Alert>
          <p>{callError}</p>
        </Alert>
      )}
      {view === undefined ? null : <NextAction {...props} view={view} />}
      {/* The grace step shows them itself, with their retry buttons. */}
      {view === undefined || showsGrace(props, view) ? null : (
        <DeliveryResults view={view} busy={props.busy} />
      )}
      {view === undefined ? null : <RotationFlows view={view} />}
      <div className="row row-end">
        <DialogClose>{finished ? 'Close' : 'Close, the rotation is saved'}</DialogClose>
      </div>
    </div>
  );
}
