// The end of a bulk rotation: one button to revoke every old key still in grace, once every new
// key was shown, then what became of each key.
import { useState } from 'react';

import type { RotationView } from '../../../common/ipc/schemas/rotation.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField } from '../../ui/Field.js';

import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';
import { countOf, plural } from '../../../common/words.js';

export function BulkRevokeAll(props: {
  views: readonly RotationView[];
  busy: boolean;
  onRevoke: () => void;
}) {
  const [updated, setUpdated] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const waiting = props.views.filter((v) => v.canRevoke).length;
  const open = props.views.filter((v) => v.status === 'failed').length;
  return (
    <section className="stack" aria-label="Revoke the old keys">
      <h3 ref={heading} tabIndex={-1} className="rotation-heading">
        Update your apps, then revoke the old keys
      </h3>
      <p>
        {`Every new key has been shown. ${countOf(waiting, 'old key')} still ${plural(waiting, 'works', 'work')} for management calls until revoked.`}
      </p>
      {open === 0 ? null : (
        <p>
          {`${countOf(open, 'key')} stopped by an error ${plural(open, 'is', 'are')} left alone: retry or roll ${plural(open, 'it', 'them')} back above, now or later from the Rotation page.`}
        </p>
      )}
      <CheckboxField
        label="I have updated the apps that used the old keys"
        checked={updated}
        onCheckedChange={setUpdated}
      />
      <div className="row row-end">
        <Button variant="danger" disabled={props.busy || !updated} onClick={props.onRevoke}>
          {props.busy ? 'Revoking…' : 'Revoke all old keys'}
        </Button>
      </div>
    </section>
  );
}

export function BulkSummary(props: { views: readonly RotationView[]; notStarted: number }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const count = (status: RotationView['status']) =>
    props.views.filter((v) => v.status === status).length;
  const lines = [
    `${countOf(count('done'), 'key')} rotated, old key revoked`,
    `${countOf(count('rolled_back'), 'key')} rolled back`,
    `${countOf(count('failed') + count('waiting') + count('running'), 'key')} still open`,
    `${countOf(props.notStarted, 'key')} not started`,
  ];
  return (
    <section className="stack" aria-label="Summary">
      <h3 ref={heading} tabIndex={-1} className="rotation-heading">
        Bulk rotation summary
      </h3>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted small">
        Every step of every key is in the audit log. Keys still open wait on the Rotation page.
      </p>
    </section>
  );
}
