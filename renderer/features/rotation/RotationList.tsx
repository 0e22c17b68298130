// The rotations this vault remembers: unfinished ones first, each with a way back in.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { orderRotations } from '../../stores/rotation-store.js';
import { Button } from '../../ui/Button.js';
import { STATUS_LABELS, STEP_LABELS, when } from './rotation-words.js';
import { countOf } from '../../../common/words.js';

export interface RotationListProps {
  rotations: readonly RotationView[];
  onOpen: (view: RotationView, resume: boolean) => void;
}

function RotationRow({
  view,
  onOpen,
}: {
  view: RotationView;
  onOpen: RotationListProps['onOpen'];
}) {
  const statusClass =
    view.status === 'done'
      ? 'status-ok'
      : view.status === 'failed'
        ? 'status-error'
        : view.unfinished
          ? 'status-warn'
          : 'status-idle';
  return (
    <li className="rotation-row">
      <div className="rotation-main">
        <h2 className="rotation-name">{view.oldKey.name}</h2>
        <p className={`rotation-outcome ${statusClass}`}>{STATUS_LABELS[view.status]}</p>
        <p className="muted small">
          {view.instanceName}, {countOf(view.flows.length, 'flow')}, started {when(view.startedAt)}.
          New key: {view.newKey?.name ?? view.newKeyName}.
          {view.batchId === undefined ? null : ` Part of bulk rotation ${view.batchId}.`}
        </p>
        {view.status === 'failed' ? (
          <p className="small">
            {view.failedStep === undefined ? '' : `${STEP_LABELS[view.failedStep]}: `}
            {view.error?.message ?? ''}
          </p>
        ) : null}
      </div>
      <Button
        variant={view.unfinished ? 'primary' : 'secondary'}
        onClick={() => {
          onOpen(view, view.unfinished);
        }}
      >
        {view.unfinished ? 'Resume' : 'Details'}{' '}
        <span className="visually-hidden">{`(rotation of ${view.oldKey.name})`}</span>
      </Button>
    </li>
  );
}

export function RotationList({ rotations, onOpen }: RotationListProps) {
  if (rotations.length === 0)
    return (
      <div className="block empty-state">
        <h2>No rotations yet</h2>
        <p>
          Rotating a key replaces it with a new one: the flows move to the new key, you update your
          apps, then the old key is revoked. Every step is saved, so nothing is lost if the app
          stops.
        </p>
      </div>
    );
  return (
    <ul className="rotation-list" aria-label="Rotations">
      {orderRotations(rotations).map((view) => (
        <RotationRow key={view.id} view={view} onOpen={onOpen} />
      ))}
    </ul>
  );
}
