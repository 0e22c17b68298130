import { useEffect } from 'react';

import { useApi } from '../../api/api-context.js';

export const ACTIVITY_PING_INTERVAL_MS = 20_000;

/**
 * Tells main the person is here (keys, pointer) so the idle auto-lock restarts its count; at most
 * one ping per interval. Mount it only while the vault is unlocked.
 */
export function useActivityPings(intervalMs = ACTIVITY_PING_INTERVAL_MS): void {
  const api = useApi();
  useEffect(() => {
    let last = Number.NEGATIVE_INFINITY;
    const onActivity = (): void => {
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      // A lost ping only means the idle timer runs a little early; nothing to show.
      api.session.activity().catch(() => undefined);
    };
    const options = { capture: true, passive: true };
    window.addEventListener('keydown', onActivity, options);
    window.addEventListener('pointerdown', onActivity, options);
    return () => {
      window.removeEventListener('keydown', onActivity, options);
      window.removeEventListener('pointerdown', onActivity, options);
    };
  }, [api, intervalMs]);
}
