// What a rotation came to: a failure with its way out (retry, or roll back while it still can),
// and the summaries of a finished or rolled back rotation.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { STEP_LABELS } from './rotation-words.js';
import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';
import { countOf, plural } from '../../../common/words.js';

export interface RotationFailureProps {
  view: RotationView;
  busy: boolean;
  onRetry: () => void;
  onRollback: () => void;
}

export function RotationFailure({ view, busy, onRetry, onRollback }: RotationFailureProps) {
  const step = view.failedStep === undefined ? 'A step' : `"${STEP_LABELS[view.failedStep]}"`;
  return (
    <Alert
      actions={
        <>
          <Button variant="primary" disabled={busy} onClick={onRetry}>
            {view.newKeyGone === true ? 'Create the new key again' : 'Retry'}
          </Button>
          {view.canRollback && !view.rollingBack ? (
            <Button disabled={busy} onClick={onRollback}>
              Roll back
            </Button>
          ) : null}
        </>
      }
    >
      <p>
        <strong>{step} failed.</strong> {view.error?.message ?? 'The reason was not recorded.'}
      </p>
      <p>
        {view.newKeyGone === true
          ? 'Create the new key again makes a fresh key with the same permissions, moves the flows to it and shows you its value once. Roll back moves the flows back to the old key.'
          : view.rollingBack
            ? 'This happened while rolling back: Retry carries the roll back on, flows first, then the new key is deleted.'
            : view.canRollback
              ? `Retry runs that step again. Roll back ${view.admin === true ? "makes the old key the app's admin key again, " : ''}moves the flows back to the old key and deletes the new one.`
              : 'The old key may already be deleted, so this rotation can only go forward: Retry runs the step again.'}
      </p>
    </Alert>
  );
}

export function RotationSummary({ view }: { view: RotationView }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const newName = view.newKey?.name ?? view.newKeyName;
  if (view.status === 'rolled_back')
    return (
      <section className="stack" aria-label="Summary">
        <h3 ref={heading} tabIndex={-1} className="rotation-heading">
          Rolled back
        </h3>
        <p>
          The flows are back on <strong>{view.oldKey.name}</strong>, and the new key {newName} was
          deleted. Nothing else changed.
          {view.admin === true
            ? ` The app manages ${view.instanceName} with the old key again.`
            : ''}
        </p>
      </section>
    );
  return (
    <section className="stack" aria-label="Summary">
      <h3 ref={heading} tabIndex={-1} className="rotation-heading">
        Rotation finished
      </h3>
      <p>
        The old key <strong>{view.oldKey.name}</strong> was revoked, and the server now refuses it
        (401).
        {view.admin === true ? ` The app manages ${view.instanceName} with the new key.` : ''}
      </p>
      <p>
        {view.flows.length === 0
          ? `The new key is ${newName}.`
          : `${countOf(view.flows.length, 'flow')} ${plural(view.flows.length, 'answers', 'answer')} to the new key, ${newName}.`}
        {view.cutoverMs === undefined
          ? ''
          : ` The flows were moved within ${String(Math.round(view.cutoverMs))} ms of each other.`}
      </p>
    </section>
  );
}
