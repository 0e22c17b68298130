// The one look at the replacement key. The ticket is redeemed once, on mount; the value lives in
// this component's state only and goes when it unmounts (the person is done, or the dialog
// closes). Copy goes through main, which clears the clipboard on its own timer.
import { useEffect, useRef, useState } from 'react';

import { useApi } from '../../api/api-context.js';
import type { Outcome } from '../../stores/instances-store.js';
import { toStoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { useGuardedCopy } from '../keys/use-guarded-copy.js';
import { useFocusOnMount } from './use-focus-on-mount.js';

type Reveal =
  { state: 'loading' } | { state: 'shown'; value: string } | { state: 'failed'; message: string };

export interface RevealNewKeyProps {
  ticket: string;
  instanceId: string;
  newKey: { id: string; name: string };
  onDone: () => void;
}

export function RevealNewKey({ ticket, instanceId, newKey, onDone }: RevealNewKeyProps) {
  const api = useApi();
  const guarded = useGuardedCopy();
  const [reveal, setReveal] = useState<Reveal>({ state: 'loading' });
  // StrictMode mounts twice; the ticket is good for one read only.
  const redeemed = useRef(false);
  const region = useFocusOnMount<HTMLElement>();

  useEffect(() => {
    if (redeemed.current) return;
    redeemed.current = true;
    api.keys.reveal({ ticket }).then(
      ({ value }) => {
        setReveal({ state: 'shown', value });
      },
      (error: unknown) => {
        setReveal({ state: 'failed', message: toStoreError(error).message });
      },
    );
  }, [api, ticket]);

  async function copy(password?: string): Promise<Outcome<{ clearsAt: number }>> {
    try {
      const args = { instanceId, keyId: newKey.id };
      return {
        ok: true,
        value: await api.keys.copy(password === undefined ? args : { ...args, password }),
      };
    } catch (caught) {
      return { ok: false, error: toStoreError(caught) };
    }
  }

  return (
    <section ref={region} tabIndex={-1} className="reveal" aria-label="The new key">
      {reveal.state === 'loading' ? <p className="muted">Fetching the new key…</p> : null}
      {reveal.state === 'failed' ? (
        <Alert>
          <p>{reveal.message}</p>
        </Alert>
      ) : null}
      {reveal.state === 'shown' ? (
        <>
          <p className="reveal-label">
            The new key, <strong>{newKey.name}</strong>
          </p>
          <code className="reveal-value" data-testid="rotation-new-key">
            {reveal.value}
          </code>
          <p className="reveal-warning">
            <strong>Store it now.</strong> It is shown this once; while the rotation waits for you
            it can be shown again from here, and it can always be copied from the Keys list.
          </p>
        </>
      ) : null}
      {guarded.failure === null ? null : (
        <Alert>
          <p>{guarded.failure}</p>
        </Alert>
      )}
      <div className="row row-end">
        <Button
          disabled={reveal.state !== 'shown'}
          onClick={() => void guarded.copy(`API key ${newKey.name}`, copy)}
        >
          Copy new key
        </Button>
        <Button variant="primary" onClick={onDone}>
          I have stored it
        </Button>
      </div>
      {guarded.dialog}
    </section>
  );
}
