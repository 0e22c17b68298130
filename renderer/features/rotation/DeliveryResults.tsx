// The deliver step's outcome, per target: whether it received the new key, what its check said,
// and what its command printed (the key replaced). A failed one can be retried from here.
import type { DeliveryView, RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';

export const DELIVERY_STATES: Record<DeliveryView['state'], string> = {
  pending: 'waiting its turn',
  started: 'delivering now',
  delivered: 'received the new key',
  failed: 'did not receive the new key',
  interrupted: 'stopped by an interruption: it may or may not hold the new key',
  undone: 'put back as it was',
  undo_failed: 'could not be put back',
};

/** Whether retrying it makes sense now: its delivery or its check failed. */
export function retryable(d: DeliveryView): boolean {
  return d.state === 'failed' || d.state === 'interrupted' || d.check === 'failed';
}

function CheckLine({ delivery: d }: { delivery: DeliveryView }) {
  if (d.check === undefined) return null;
  return (
    <p>
      Check: <strong>{d.check === 'passed' ? 'passed' : 'failed'}</strong>
      {d.checkWords === undefined ? null : ` (${d.checkWords})`}
    </p>
  );
}

export interface DeliveryResultsProps {
  view: RotationView;
  busy: boolean;
  /** Offered while the rotation waits in grace. */
  onRetry?: ((targetIds: string[]) => void) | undefined;
  /** The section's name; a bulk run names each key's. */
  title?: string;
}

export function DeliveryResults({
  view,
  busy,
  onRetry,
  title = 'Delivery to the targets',
}: DeliveryResultsProps) {
  const deliveries = view.deliveries ?? [];
  if (deliveries.length === 0) return null;
  const canRetry = onRetry !== undefined && view.canRevoke;
  return (
    <section className="stack" aria-label={title}>
      <h3 className="rotation-heading">{title}</h3>
      <ul className="delivery-results">
        {deliveries.map((d) => (
          <li key={d.id} aria-label={d.label}>
            <p>
              <strong>{d.label}</strong> ({d.kind === 'env-file' ? '.env file' : 'command'}):{' '}
              {DELIVERY_STATES[d.state]}
              {d.words === undefined ? '' : `. ${d.words}`}
            </p>
            <CheckLine delivery={d} />
            {d.output === undefined ? null : (
              <details>
                <summary>What the command printed</summary>
                <pre className="mono small">{d.output}</pre>
              </details>
            )}
            {canRetry && retryable(d) ? (
              <Button
                disabled={busy}
                onClick={() => {
                  onRetry([d.id]);
                }}
              >
                Retry <span className="visually-hidden">{d.label}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
