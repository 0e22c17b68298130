// Grace: the flows already answer only to the new key; the person updates the apps that call
// them (or call Flowise with the old key), then revokes the old key, or rolls back after a
// confirmation that names the flows going back.
import { useState } from 'react';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField } from '../../ui/Field.js';
import { DeliveryResults } from './DeliveryResults.js';
import { RevokeAnywayConfirm } from './RevokeAnywayConfirm.js';
import { RollbackConfirm } from './RollbackConfirm.js';

import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';
import { countOf, plural } from '../../../common/words.js';

export interface GraceStepProps {
  view: RotationView;
  busy: boolean;
  onShowAgain: () => void;
  /** `override`: what failed, as the person confirmed it (RotationView.revokeBlockers). */
  onRevoke: (override?: string) => void;
  onRollback: () => void;
  onRetryDelivery: (targetIds: string[]) => void;
}

export function GraceStep(props: GraceStepProps) {
  const { view, busy, onShowAgain, onRevoke, onRollback } = props;
  const [updated, setUpdated] = useState(false);
  const [asking, setAsking] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const blockers = view.revokeBlockers ?? [];
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const newName = view.newKey?.name ?? view.newKeyName;
  return (
    <section className="stack" aria-label="Update your apps">
      <h3 ref={heading} tabIndex={-1} className="rotation-heading">
        Update your apps, then revoke the old key
      </h3>
      <p>
        {view.flows.length === 0
          ? 'No flow was bound to the old key.'
          : `${countOf(view.flows.length, 'flow')} now ${plural(view.flows.length, 'accepts', 'accept')} only the new key, ${newName}.`}{' '}
        Put the new key in every app and script that used <strong>{view.oldKey.name}</strong>. Until
        you revoke it, the old key still works for management calls, but not for these flows.
      </p>
      <DeliveryResults view={view} busy={busy} onRetry={props.onRetryDelivery} />
      {blockers.length === 0 ? null : (
        <p className="warning" role="note" aria-label="Revoke is held back">
          Revoke is held back: {blockers.join('; ')}. Retry, roll back, or revoke anyway after
          confirming what failed.
        </p>
      )}
      <p className="muted small">
        You can close this window: the rotation waits in the Rotation section until you come back.
      </p>
      <CheckboxField
        label="I have updated the apps that used the old key"
        checked={updated}
        onCheckedChange={setUpdated}
      />
      <div className="row row-end">
        {view.canRollback ? (
          <Button
            disabled={busy}
            onClick={() => {
              setAsking(true);
            }}
          >
            Roll back
          </Button>
        ) : null}
        <Button disabled={busy} onClick={onShowAgain}>
          Show the new key again
        </Button>
        {blockers.length === 0 ? (
          <Button
            variant="danger"
            disabled={busy || !updated}
            onClick={() => {
              onRevoke();
            }}
          >
            {busy ? 'Revoking…' : 'Revoke old key'}
          </Button>
        ) : (
          <Button
            variant="danger"
            disabled={busy || !updated}
            onClick={() => {
              setOverriding(true);
            }}
          >
            Revoke anyway…
          </Button>
        )}
      </div>
      <RevokeAnywayConfirm
        blockers={blockers}
        oldKeyName={view.oldKey.name}
        open={overriding}
        onClose={() => {
          setOverriding(false);
        }}
        onConfirm={(override) => {
          setOverriding(false);
          onRevoke(override);
        }}
      />
      <RollbackConfirm
        view={view}
        open={asking}
        onClose={() => {
          setAsking(false);
        }}
        onConfirm={() => {
          setAsking(false);
          onRollback();
        }}
      />
    </section>
  );
}
