// The new keys of a bulk rotation, shown one at a time with the single-key reveal: the ticket is
// redeemed once in RevealNewKey, whose state alone holds the value. Without a ticket (it was used,
// or expired) main is asked for a fresh one, with the master password if the unlock is old.
import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';
import { RevealNewKey } from './RevealNewKey.js';

export interface BulkRevealProps {
  /** The rotation whose new key is next. */
  view: RotationView;
  /** Its position among the keys to show, from 1. */
  position: number;
  total: number;
  ticket: string | undefined;
  busy: boolean;
  onAskTicket: (rotationId: string) => void;
  onRevealed: (rotationId: string) => void;
}

export function BulkReveal({ view, position, total, ticket, busy, ...on }: BulkRevealProps) {
  const newKey = view.newKey;
  if (newKey === undefined) return null;
  return (
    <section className="stack" aria-label="New keys">
      <h3 className="rotation-heading">
        {`New key ${String(position)} of ${String(total)}: ${view.oldKey.name} on ${view.instanceName}`}
      </h3>
      {ticket === undefined ? (
        <div className="row">
          <Button
            variant="primary"
            disabled={busy}
            onClick={() => {
              on.onAskTicket(view.id);
            }}
          >
            Show the new key
          </Button>
        </div>
      ) : (
        <>
          <RevealNewKey
            key={ticket}
            ticket={ticket}
            instanceId={view.instanceId}
            newKey={newKey}
            onDone={() => {
              on.onRevealed(view.id);
            }}
          />
          <div className="row">
            <Button
              disabled={busy}
              onClick={() => {
                on.onAskTicket(view.id);
              }}
            >
              Show this key again
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
