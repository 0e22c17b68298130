// Copies a secret and takes it back: after N seconds, on lock and on quit the clipboard is cleared,
// but only while it still holds our value (Bitwarden's rule), so whatever the person copied since
// is never lost. Only a digest of the value is kept for that comparison.
import { createHash } from 'node:crypto';

import type { ClipboardPort, Clock, EventSink, Logger, TimerHandle } from '../ports.js';
import { secretEntries } from './concealment.js';

export type ClipboardClearReason = 'timeout' | 'lock' | 'quit' | 'manual';

export interface ClipboardGuard {
  /** Writes the value with the concealment markers; returns when it will be cleared. */
  copy(value: string, label: string): Promise<{ clearsAt: number }>;
  clearNow(reason: ClipboardClearReason): Promise<void>;
  dispose(): void;
}

export interface ClipboardGuardDeps {
  clipboard: ClipboardPort;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  platform: string;
  clearAfterSeconds: () => number;
}

const digest = (value: string): string => createHash('sha256').update(value).digest('hex');

export function createClipboardGuard(deps: ClipboardGuardDeps): ClipboardGuard {
  const { clipboard, clock, events, logger } = deps;
  let held: { digest: string; label: string; timer: TimerHandle } | undefined;

  async function release(reason: ClipboardClearReason): Promise<void> {
    const current = held;
    if (current === undefined) return;
    held = undefined;
    clock.clearTimeout(current.timer);
    let stillOurs = false;
    try {
      stillOurs = digest(await clipboard.readText()) === current.digest;
      if (stillOurs) await clipboard.clear();
    } catch {
      logger.warn('clipboard could not be read or cleared', { reason });
    }
    logger.info('clipboard released', { reason, cleared: stillOurs });
    events.emit('clipboard.cleared', { label: current.label, reason, cleared: stillOurs });
  }

  return {
    async copy(value, label) {
      if (held !== undefined) {
        clock.clearTimeout(held.timer);
        held = undefined;
      }
      await clipboard.write(secretEntries(value, deps.platform));
      const ms = deps.clearAfterSeconds() * 1000;
      const clearsAt = clock.now() + ms;
      const timer = clock.setTimeout(() => {
        void release('timeout');
      }, ms);
      held = { digest: digest(value), label, timer };
      logger.info('secret copied', { label });
      events.emit('clipboard.copied', { label, clearsAt });
      return { clearsAt };
    },
    clearNow: release,
    dispose() {
      if (held !== undefined) clock.clearTimeout(held.timer);
      held = undefined;
    },
  };
}
