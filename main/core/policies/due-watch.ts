// While the vault is unlocked, tells the person (through an OS notification) when a key becomes due
// for rotation: once per key and due date, never on every check. Keys already due at unlock are
// not notified: the unlock banner names them.
import type { DueItem, DueReport } from '../../../common/ipc/schemas/policies.js';
import type { Clock, Logger, NotifierPort, TimerHandle } from '../ports.js';

/** Checks at least this often, since a key or a policy may have come in since the last one. */
export const DUE_CHECK_MAX_MS = 60 * 60_000;
const DUE_CHECK_MIN_MS = 1000;

export interface DueWatchDeps {
  due: () => DueReport;
  notifier: NotifierPort;
  clock: Clock;
  /** Settings' notifyDue, read at each check. */
  enabled: () => boolean;
  logger: Logger;
}

export interface DueWatch {
  /** At unlock: what is due now is known, not notified. */
  start(): void;
  /** Now, e.g. after a policy changed. Does nothing while stopped. */
  check(): void;
  /** At lock. */
  stop(): void;
}

const eventOf = (item: DueItem): string => `${item.instanceId}/${item.keyId}@${String(item.dueAt)}`;

function words(items: readonly DueItem[]): { title: string; body: string } {
  const [first] = items;
  if (items.length === 1 && first !== undefined)
    return {
      title: 'A key is due for rotation',
      body: `"${first.keyName}" on ${first.instanceName} has reached its ${String(first.maxAgeDays)}-day maximum age.`,
    };
  const names = items.slice(0, 3).map((i) => `"${i.keyName}" on ${i.instanceName}`);
  const more = items.length > 3 ? ` and ${String(items.length - 3)} more` : '';
  return {
    title: `${String(items.length)} keys are due for rotation`,
    body: `${names.join(', ')}${more} reached their maximum age.`,
  };
}

export function createDueWatch(deps: DueWatchDeps): DueWatch {
  let timer: TimerHandle | undefined;
  let running = false;
  /** Due events already told (or known at unlock). */
  let told = new Set<string>();

  function schedule(report: DueReport): void {
    const now = deps.clock.now();
    const next = report.items
      .filter((i) => i.status === 'soon')
      .reduce((soonest, i) => Math.min(soonest, i.dueAt - now), DUE_CHECK_MAX_MS);
    timer = deps.clock.setTimeout(tick, Math.max(DUE_CHECK_MIN_MS, next));
  }

  function evaluate(notify: boolean): void {
    if (timer !== undefined) deps.clock.clearTimeout(timer);
    timer = undefined;
    let report: DueReport;
    try {
      report = deps.due();
    } catch (error) {
      // Locked between the timer and now, or the vault is mid-write: the next check sees it.
      deps.logger.warn('due check failed', {
        kind: error instanceof Error ? error.name : 'unknown',
      });
      if (running) timer = deps.clock.setTimeout(tick, DUE_CHECK_MAX_MS);
      return;
    }
    const due = report.items.filter((i) => i.status === 'due');
    const fresh = due.filter((i) => !told.has(eventOf(i)));
    // A key rotated (or given a longer policy) leaves the set, so its next due date is told again.
    told = new Set(due.map(eventOf));
    if (notify && fresh.length > 0 && deps.enabled()) {
      deps.notifier.notify(words(fresh));
      deps.logger.info('keys due notified', { count: fresh.length });
    }
    schedule(report);
  }

  function tick(): void {
    timer = undefined;
    if (running) evaluate(true);
  }

  return {
    start() {
      running = true;
      told = new Set();
      evaluate(false);
    },
    check() {
      if (running) evaluate(true);
    },
    stop() {
      running = false;
      if (timer !== undefined) deps.clock.clearTimeout(timer);
      timer = undefined;
      told = new Set();
    },
  };
}
