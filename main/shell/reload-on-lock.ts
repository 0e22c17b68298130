// After a lock the renderer's heap may still hold decrypted metadata (names, hosts, last digits).
// Reloading discards that heap, as Bitwarden's desktop app does on lock.
import type { WebContents } from 'electron';

import type { AppEventPayload } from '../../common/ipc/contract.js';
import type { EventSink } from '../core/ports.js';

/** Passes every event on, then reloads the window after 'vault.locked' (except when quitting). */
export function reloadOnLock(
  sink: EventSink,
  getWebContents: () => WebContents | undefined,
): EventSink {
  return {
    emit(event, payload) {
      sink.emit(event, payload);
      if (event !== 'vault.locked') return;
      const { reason } = payload as AppEventPayload<'vault.locked'>;
      const contents = getWebContents();
      // On quit the window is closing anyway; reloading would only race the shutdown.
      if (reason === 'quit' || contents === undefined || contents.isDestroyed()) return;
      contents.reload();
    },
  };
}
