// The one look at a new key. The ticket is redeemed once, on mount; the value lives in this
// component's state only and is dropped when the dialog closes. Copy goes through main.
import { useEffect, useRef, useState } from 'react';

import type { CreatedKey } from '../../../common/ipc/schemas/keys.js';
import { useApi } from '../../api/api-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { useGuardedCopy } from './use-guarded-copy.js';

type Reveal =
  { state: 'loading' } | { state: 'shown'; value: string } | { state: 'failed'; message: string };

export function RevealStep({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const api = useApi();
  const copyKey = useKeysStore((s) => s.copy);
  const guarded = useGuardedCopy();
  const [reveal, setReveal] = useState<Reveal>({ state: 'loading' });
  // StrictMode mounts twice; the ticket is good for one read only.
  const redeemed = useRef(false);

  useEffect(() => {
    if (redeemed.current) return;
    redeemed.current = true;
    api.keys.reveal({ ticket: created.ticket }).then(
      ({ value }) => {
        setReveal({ state: 'shown', value });
      },
      (error: unknown) => {
        setReveal({ state: 'failed', message: toStoreError(error).message });
      },
    );
  }, [api, created.ticket]);

  return (
    <div className="reveal">
      {reveal.state === 'loading' ? <p className="muted">Fetching the new key…</p> : null}
      {reveal.state === 'failed' ? (
        <Alert>
          <p>{reveal.message}</p>
        </Alert>
      ) : null}
      {reveal.state === 'shown' ? (
        <>
          <p className="reveal-label">The new key</p>
          <code className="reveal-value" data-testid="revealed-key">
            {reveal.value}
          </code>
          <p className="reveal-warning">
            <strong>You will not see this value again.</strong> Once this dialog closes it is never
            shown; it can only be copied from the list.
          </p>
        </>
      ) : null}
      <p role="status" className="muted small">
        {guarded.copied ? 'Copied. The clipboard is cleared again shortly.' : ''}
      </p>
      {guarded.failure === null ? null : (
        <Alert>
          <p>{guarded.failure}</p>
        </Alert>
      )}
      <div className="row row-end">
        <Button
          disabled={reveal.state !== 'shown'}
          onClick={() =>
            void guarded.copy(`API key ${created.key.keyName}`, (password) =>
              copyKey(created.key.id, password),
            )
          }
        >
          Copy key
        </Button>
        <Button variant="primary" onClick={onDone}>
          I have stored it
        </Button>
      </div>
      {guarded.dialog}
    </div>
  );
}
