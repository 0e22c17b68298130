// The clipboard's state for the whole app: a countdown while a copied secret sits there, with
// "Clear now", then what happened once main cleared it (or left it, as something else replaced it).
import { useEffect, useState } from 'react';

import { useKeysStore, useSettingsStore } from '../../stores/stores-context.js';
import { Button } from '../../ui/Button.js';
import type { ClipboardNotice } from '../../stores/keys-store.js';
import { localDeadline, secondsLeft } from './countdown.js';

const REASONS = { timeout: 'on time', lock: 'as the vault locked', quit: 'on quit', manual: 'now' };

function useNow(ticking: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [ticking]);
  return now;
}

function message(notice: ClipboardNotice, now: number, clearSeconds: number | undefined): string {
  if (notice.phase === 'counting') {
    const deadline = localDeadline(notice.clearsAt, notice.receivedAt, clearSeconds);
    // `now` only moves on the next tick; until then the copy itself is the latest moment known.
    const at = Math.max(now, notice.receivedAt);
    return `Copied ${notice.label}. Clears in ${String(secondsLeft(deadline, at))} s.`;
  }
  return notice.cleared
    ? `Clipboard cleared ${REASONS[notice.reason]}: ${notice.label} is gone from it.`
    : `The clipboard was left alone: something else replaced ${notice.label} there.`;
}

export function ClipboardToast() {
  const notice = useKeysStore((s) => s.clipboard);
  const clear = useKeysStore((s) => s.clearClipboard);
  const dismiss = useKeysStore((s) => s.dismissClipboard);
  const clearSeconds = useSettingsStore((s) => s.settings?.clipboardClearSeconds);
  const [failure, setFailure] = useState<string | null>(null);
  const now = useNow(notice?.phase === 'counting');

  return (
    <section
      aria-label="Clipboard"
      className={notice === null ? 'clipboard-toast is-empty' : 'clipboard-toast'}
    >
      <p role="status" className="clipboard-toast-text">
        {notice === null ? '' : message(notice, now, clearSeconds)}
        {failure === null ? '' : ` ${failure}`}
      </p>
      {notice === null ? null : (
        <div className="row">
          {notice.phase === 'counting' ? (
            <Button
              onClick={() =>
                void clear().then((error) => {
                  setFailure(error === null ? null : error.message);
                })
              }
            >
              Clear now
            </Button>
          ) : null}
          <Button variant="quiet" onClick={dismiss}>
            Dismiss
          </Button>
        </div>
      )}
    </section>
  );
}
