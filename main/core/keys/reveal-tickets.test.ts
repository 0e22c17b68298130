import { describe, expect, it } from 'vitest';

import { FakeClock } from '../testing/fake-clock.js';
import { createRevealTickets } from './reveal-tickets.js';

const VALUE = 'fk-new-key-value-0123456789';
const TEN_MINUTES = 10 * 60_000;

describe('reveal tickets', () => {
  it('redeems once; a second redeem is refused', () => {
    const tickets = createRevealTickets(new FakeClock());
    const ticket = tickets.issue(VALUE);
    expect(tickets.redeem(ticket).value).toBe(VALUE);
    expect(() => tickets.redeem(ticket)).toThrow(/already shown once/);
  });

  it('expired tickets are swept on a timer: their values are not kept once the time to see them passed', () => {
    const clock = new FakeClock();
    const tickets = createRevealTickets(clock);
    const first = tickets.issue(VALUE);
    clock.advance(TEN_MINUTES / 2);
    tickets.issue('fk-second-value-0123456789');
    expect(tickets.pending).toBe(2);
    clock.advance(TEN_MINUTES / 2 + 1);
    expect(tickets.pending).toBe(1);
    clock.advance(TEN_MINUTES / 2);
    expect(tickets.pending).toBe(0);
    // Nothing is left scheduled once nothing is held, so the timer never keeps the app alive.
    expect(clock.timerCount).toBe(0);
    expect(() => tickets.redeem(first)).toThrow(/already shown once/);
  });

  it('clearing (every lock) voids the tickets and cancels the sweep timer', () => {
    const clock = new FakeClock();
    const tickets = createRevealTickets(clock);
    const ticket = tickets.issue(VALUE);
    expect(clock.timerCount).toBe(1);
    tickets.clear();
    expect(clock.timerCount).toBe(0);
    expect(tickets.pending).toBe(0);
    expect(() => tickets.redeem(ticket)).toThrow(/already shown once/);
  });

  it('keeps what the ticket is about, for the audit record of the reveal', () => {
    const tickets = createRevealTickets(new FakeClock());
    const about = { instanceId: 'i-1', instanceName: 'prod', keyName: 'deploy', again: true };
    expect(tickets.redeem(tickets.issue(VALUE, about))).toEqual({ value: VALUE, about });
  });
});
