// A copy that may need the master password again: the first attempt goes without it, and a
// reauth_required answer opens the password dialog, whose submit retries with it.
import { useState } from 'react';
import type { ReactNode } from 'react';

import type { Outcome } from '../../stores/store-kit.js';
import { Alert } from '../../ui/Alert.js';
import { ReauthDialog } from './ReauthDialog.js';

export type CopyAttempt = (password?: string) => Promise<Outcome<{ clearsAt: number }>>;

export interface GuardedCopy {
  copy: (label: string, attempt: CopyAttempt) => Promise<void>;
  /** The last copy's failure, other than the password question. */
  failure: string | null;
  /** The last copy went through. Said inside dialogs too, where the app's toast is out of reach
   * of screen readers while the dialog is modal. */
  copied: boolean;
  clearFailure: () => void;
  /** "Copied" for screen readers and the failure, as a dialog shows them under its content. */
  notes: ReactNode;
  /** Render this once; it is the password dialog. */
  dialog: ReactNode;
}

export function useGuardedCopy(): GuardedCopy {
  const [pending, setPending] = useState<{
    label: string;
    reason: string;
    attempt: CopyAttempt;
  } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function copy(label: string, attempt: CopyAttempt) {
    setFailure(null);
    setCopied(false);
    const outcome = await attempt();
    if (outcome.ok) {
      setCopied(true);
      return;
    }
    if (outcome.error.code === 'reauth_required')
      setPending({ label, reason: outcome.error.message, attempt });
    else setFailure(outcome.error.message);
  }

  const dialog = (
    <ReauthDialog
      label={pending?.label ?? null}
      reason={pending?.reason ?? ''}
      onSubmit={async (password) => {
        if (pending === null) return null;
        const outcome = await pending.attempt(password);
        if (outcome.ok) setCopied(true);
        return outcome.ok ? null : outcome.error.message;
      }}
      onClose={() => {
        setPending(null);
      }}
    />
  );

  const notes = (
    <>
      <p role="status" className="muted small">
        {copied ? 'Copied. The clipboard is cleared again shortly.' : ''}
      </p>
      {failure === null ? null : (
        <Alert>
          <p>{failure}</p>
        </Alert>
      )}
    </>
  );

  return {
    copy,
    failure,
    copied,
    clearFailure: () => {
      setFailure(null);
    },
    notes,
    dialog,
  };
}
