// Copies a secret and takes it back: after N seconds, on lock and on quit the clipboard is cleared,
// but only while it still holds our value (Bitwarden's rule), so whatever the person copied since
// is never lost. Only a digest of the value is kept for that comparison.
import { createHash } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { ClipboardPort, Clock, EventSink, Logger, TimerHandle } from '../ports.js';
import { secretEntries } from './concealment.js';

export type ClipboardClearReason = 'timeout' | 'lock' | 'quit' | 'manual';

/** Which lock a copy started under; see `begin`. */
export type CopyStart = number;

export interface ClipboardGuard {
  /** Call when a copy starts, before fetching the value: a lock after this point cancels it. */
  begin(): CopyStart;
  /** Writes the value with the concealment markers; returns when it will be cleared. Refuses
   * (vault_locked) when a lock or quit came after `started`, so a secret fetched across a lock
   * never lands on the clipboard the lock just cleared. */
  copy(value: string, label: string, started?: CopyStart): Promise<{ clearsAt: number }>;
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
  // Bumped by every lock and quit: a copy that began under an older value is stale.
  let generation = 0;
  const lockedMeanwhile = (): AppError =>
    new AppError('vault_locked', 'The vault locked before the copy finished. Nothing was copied.');

  async function release(reason: ClipboardClearReason): Promise<void> {
    if (reason === 'lock' || reason === 'quit') generation += 1;
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
    begin: () => generation,
    async copy(value, label, started = generation) {
      if (started !== generation) throw lockedMeanwhile();
      if (held !== undefined) {
        clock.clearTimeout(held.timer);
        held = undefined;
      }
      await clipboard.write(secretEntries(value, deps.platform));
      if (started !== generation) {
        // The lock's own clear ran while we were writing and found nothing held: take it back.
        try {
          if (digest(await clipboard.readText()) === digest(value)) await clipboard.clear();
        } catch {
          logger.warn('clipboard could not be read or cleared', { reason: 'lock' });
        }
        throw lockedMeanwhile();
      }
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
