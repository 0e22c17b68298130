// The kill cases of rotation-kill.real.test.ts: which scenarios run, the kill cases a traced run
// of one yields, and how many children run at once. Apart from the test so it stays below 400
// lines; nothing here talks to Flowise.
import type { RotationCheckpoint } from '../../main/core/rotation/rotation-checkpoints.js';
import type { LogLine } from './rotation-kill-core.js';

export const SCENARIOS = ['rotate', 'rollback', 'admin', 'admin-rollback', 'deliver'] as const;
export type Scenario = (typeof SCENARIOS)[number];
/** Children at once: each rotation makes the server hash keys (scrypt) on every request. */
const PARALLEL = 2;

/** One kill: the `nth` pass of `point` in `scenario`; `after` names the last other checkpoint;
 * `same` lists the passes right after it with no request or vault write between: a kill there
 * leaves the same files and the same server, so this case covers them. */
export interface KillCase {
  scenario: Scenario;
  point: RotationCheckpoint;
  nth: number;
  after: string;
  same: string[];
}

/** Every checkpoint pass of a full run, except, for a rollback, those of its start, and for the
 * deliver scenario all but those between the reveal and grace (the forward scenarios kill those). */
export function casesOf(scenario: Scenario, log: readonly LogLine[]): KillCase[] {
  const seen = new Map<string, number>();
  const cases: KillCase[] = [];
  let phase = '';
  let after = 'start';
  let changed = true;
  let delivering = false;
  for (const line of log) {
    if (line.t === 'phase') phase = line.name;
    if (line.t === 'phase' && line.name === 'grace') delivering = false;
    if (line.t === 'req' || line.t === 'res' || line.t === 'write' || line.t === 'target')
      changed = true;
    if (line.t !== 'cp') continue;
    const nth = (seen.get(line.name) ?? 0) + 1;
    seen.set(line.name, nth);
    const killed =
      scenario === 'deliver' ? delivering : !scenario.endsWith('rollback') || phase === 'rollback';
    if (line.name === 'reveal:done') delivering = true;
    if (killed) {
      const last = cases.at(-1);
      if (!changed && last !== undefined) last.same.push(`${line.name} #${String(nth)}`);
      else cases.push({ scenario, point: line.name, nth, after, same: [] });
      changed = false;
    }
    if (!line.name.startsWith('journal:')) after = line.name;
  }
  return cases;
}

/** At most `PARALLEL` jobs at once. */
let running = 0;
const waiting: (() => void)[] = [];
export async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await job();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}
