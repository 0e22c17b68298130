// The one look at a new key's value, for a created key and a rotation's replacement alike. The
// ticket is redeemed once, on mount; the value lives in this component's state only and goes when
// it unmounts. Copy goes through main, which clears the clipboard on its own timer.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

import { useApi } from '../../api/api-context.js';
import { toStoreError } from '../../stores/store-error.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { useFocusOnMount } from '../../ui/use-focus-on-mount.js';
import type { CopyAttempt } from './use-guarded-copy.js';
import { useGuardedCopy } from './use-guarded-copy.js';

type Reveal =
  { state: 'loading' } | { state: 'shown'; value: string } | { state: 'failed'; message: string };

export interface KeyRevealProps {
  ticket: string;
  keyName: string;
  /** Above the value. */
  label: ReactNode;
  /** Under the value: when, if ever, it can be seen again. */
  warning: ReactNode;
  copyLabel: string;
  copy: CopyAttempt;
  onDone: () => void;
  testId: string;
  /** The region's name, when several keys are shown one after another. */
  regionLabel?: string;
}

function useRedeemedTicket(ticket: string): Reveal {
  const api = useApi();
  const [reveal, setReveal] = useState<Reveal>({ state: 'loading' });
  // StrictMode mounts twice; the ticket is good for one read only.
  const redeemed = useRef(false);
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
  return reveal;
}

export function KeyReveal(props: KeyRevealProps) {
  const reveal = useRedeemedTicket(props.ticket);
  const guarded = useGuardedCopy();
  const region = useFocusOnMount<HTMLElement>();

  return (
    <section
      ref={region}
      tabIndex={-1}
      className="reveal"
      aria-label={props.regionLabel ?? 'The new key'}
    >
      {reveal.state === 'loading' ? <p className="muted">Fetching the new key…</p> : null}
      {reveal.state === 'failed' ? (
        <Alert>
          <p>{reveal.message}</p>
        </Alert>
      ) : null}
      {reveal.state === 'shown' ? (
        <>
          <p className="reveal-label">{props.label}</p>
          <code className="reveal-value" data-testid={props.testId}>
            {reveal.value}
          </code>
          <p className="reveal-warning">{props.warning}</p>
        </>
      ) : null}
      {guarded.notes}
      <div className="row row-end">
        <Button
          disabled={reveal.state !== 'shown'}
          onClick={() => void guarded.copy(`API key ${props.keyName}`, props.copy)}
        >
          {props.copyLabel}
        </Button>
        <Button variant="primary" onClick={props.onDone}>
          I have stored it
        </Button>
      </div>
      {guarded.dialog}
    </section>
  );
}
