// A new key's value reaches the renderer exactly once: through a random ticket that main redeems
// a single time, that expires, and that a lock voids.
import { randomBytes } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { Clock } from '../ports.js';

const TTL_MS = 10 * 60_000;

export interface RevealTickets {
  issue(value: string): string;
  redeem(ticket: string): string;
  clear(): void;
}

export function createRevealTickets(clock: Clock): RevealTickets {
  const tickets = new Map<string, { value: string; expiresAt: number }>();
  return {
    issue(value) {
      const ticket = randomBytes(24).toString('base64url');
      tickets.set(ticket, { value, expiresAt: clock.now() + TTL_MS });
      return ticket;
    },
    redeem(ticket) {
      const found = tickets.get(ticket);
      tickets.delete(ticket);
      if (found === undefined || found.expiresAt < clock.now())
        throw new AppError(
          'not_found',
          'This key was already shown once, or the chance to see it has passed. Copy it from the key list instead.',
        );
      return found.value;
    },
    clear() {
      tickets.clear();
    },
  };
}
