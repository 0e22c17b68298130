// A new key's value reaches the renderer exactly once: through a random ticket that main redeems
// a single time, that expires, and that a lock voids. Expired tickets are swept on a timer, so a
// value nobody came for is not kept in memory until the next lock.
import { randomBytes } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { Clock, TimerHandle } from '../ports.js';

const TTL_MS = 10 * 60_000;

/** Names only, for the key.reveal audit record when the ticket is redeemed. */
export interface RevealAbout {
  instanceId: string;
  instanceName: string;
  keyName: string;
  /** A further reveal of a key already shown once (a rotation in grace). */
  again?: boolean;
}

export interface RevealTickets {
  issue(value: string, about?: RevealAbout): string;
  redeem(ticket: string): { value: string; about?: RevealAbout };
  clear(): void;
  /** How many tickets are held; for tests. */
  readonly pending: number;
}

interface Held {
  value: string;
  about: RevealAbout | undefined;
  expiresAt: number;
}

export function createRevealTickets(clock: Clock): RevealTickets {
  const tickets = new Map<string, Held>();
  // One timer at a time, for the earliest expiry; none while nothing is held.
  let sweep: { timer: TimerHandle; at: number } | undefined;

  function stopSweep(): void {
    if (sweep !== undefined) clock.clearTimeout(sweep.timer);
    sweep = undefined;
  }

  function scheduleSweep(): void {
    let earliest = Infinity;
    for (const held of tickets.values()) earliest = Math.min(earliest, held.expiresAt);
    if (earliest === Infinity) {
      stopSweep();
      return;
    }
    if (sweep !== undefined && sweep.at <= earliest) return;
    stopSweep();
    // Strictly after the expiry: a ticket is still good at exactly expiresAt.
    const timer = clock.setTimeout(
      () => {
        sweep = undefined;
        const now = clock.now();
        for (const [ticket, held] of tickets) if (held.expiresAt < now) tickets.delete(ticket);
        scheduleSweep();
      },
      earliest - clock.now() + 1,
    );
    sweep = { timer, at: earliest };
  }

  return {
    issue(value, about) {
      const ticket = randomBytes(24).toString('base64url');
      tickets.set(ticket, { value, about, expiresAt: clock.now() + TTL_MS });
      scheduleSweep();
      return ticket;
    },
    redeem(ticket) {
      const found = tickets.get(ticket);
      tickets.delete(ticket);
      if (tickets.size === 0) stopSweep();
      if (found === undefined || found.expiresAt < clock.now())
        throw new AppError(
          'not_found',
          'This key was already shown once, or the chance to see it has passed. Copy it from the key list instead.',
        );
      return found.about === undefined
        ? { value: found.value }
        : { value: found.value, about: found.about };
    },
    clear() {
      tickets.clear();
      stopSweep();
    },
    get pending() {
      return tickets.size;
    },
  };
}
