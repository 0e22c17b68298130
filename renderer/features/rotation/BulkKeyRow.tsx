// One key of a bulk rotation: where its own rotation stands (live, from the progress events), and
// for a failed one, Retry or Roll back, exactly as in the single-key wizard.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';
import { DeliveryResults } from './DeliveryResults.js';
import { STATUS_LABELS, STEP_LABELS, stepPhases } from './rotation-words.js';
import { countOf } from '../../../common/words.js';

export interface BulkKey {
  instanceId: string;
  instanceName: string;
  keyId: string;
  keyName: string;
}

export interface BulkKeyRowProps {
  item: BulkKey;
  view: RotationView | undefined;
  /** Why main did not start this key at all (no journal was saved). */
  refused: string | undefined;
  /** The batch is still being started: a key without a view is waiting its turn. */
  starting: boolean;
  busy: boolean;
  onRetry: (rotationId: string) => void;
  onRollback: (rotationId: string) => void;
  onRetryDelivery: (rotationId: string, targetIds: string[]) => void;
}

function statusOf({ view, refused, starting }: BulkKeyRowProps): string {
  if (refused !== undefined) return `Not started: ${refused}`;
  if (view === undefined) return starting ? 'Waiting its turn' : 'Not started';
  const current = stepPhases(view).find((s) => s.phase === 'current');
  const line = STATUS_LABELS[view.status];
  if (view.status === 'failed')
    return `${line}: ${view.failedStep === undefined ? '' : `${STEP_LABELS[view.failedStep]}: `}${view.error?.message ?? ''}`;
  return current === undefined ? line : `${line}: ${STEP_LABELS[current.step]}…`;
}

export function BulkKeyRow(props: BulkKeyRowProps) {
  const { item, view, busy } = props;
  const who = `${item.keyName} on ${item.instanceName}`;
  const tone =
    props.refused !== undefined || view?.status === 'failed'
      ? 'status-error'
      : view?.status === 'done'
        ? 'status-ok'
        : 'status-warn';
  return (
    <li className="rotation-row" aria-label={who}>
      <div className="rotation-main">
        <h4 className="rotation-name">{item.keyName}</h4>
        <p className="muted small">
          {item.instanceName}
          {view === undefined ? '' : `, ${countOf(view.flows.length, 'flow')}`}
        </p>
        <p className={`rotation-outcome ${tone}`}>{statusOf(props)}</p>
        {view === undefined ? null : (
          <DeliveryResults
            view={view}
            busy={busy}
            title={`Delivery of ${who}`}
            onRetry={(targetIds) => {
              props.onRetryDelivery(view.id, targetIds);
            }}
          />
        )}
      </div>
      {view?.status === 'failed' ? (
        <div className="row">
          <Button
            variant="primary"
            disabled={busy}
            onClick={() => {
              props.onRetry(view.id);
            }}
          >
            {view.newKeyGone === true ? 'Create the new key again' : 'Retry'}{' '}
            <span className="visually-hidden">{who}</span>
          </Button>
          {view.canRollback && !view.rollingBack ? (
            <Button
              disabled={busy}
              onClick={() => {
                props.onRollback(view.id);
              }}
            >
              Roll back <span className="visually-hidden">{who}</span>
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
