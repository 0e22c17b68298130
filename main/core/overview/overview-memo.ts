// What the reports of one unlock worked out, kept while what it came from stays the same: the
// facts read from the vault (while its revision and the settings stay), each instance's snapshot
// (while, besides those facts, the server answers its lists with 304, so the very same lists
// come back) and that snapshot's findings. Rules that depend on the time are checked again at
// every report; so a refresh of servers where nothing changed costs their requests and little
// more. A lock forgets it all.
import { deepFreeze } from '../../../common/deep-freeze.js';
import type { Finding } from '../../../common/ipc/schemas/overview.js';
import type { InstanceSnapshot } from './overview-snapshot.js';
import { bySeverity, findingsByRule, findingsOf } from './overview-findings.js';
import { RULES } from './overview-rules.js';

export interface OverviewMemo {
  /** What `read` returned for the same inputs, or reads it again. */
  facts<T extends object>(inputs: readonly unknown[], read: () => T): T;
  /** The snapshot kept for the instance, built from the same inputs, as of `now`. */
  snapshot(
    instanceId: string,
    inputs: readonly unknown[],
    now: number,
  ): InstanceSnapshot | undefined;
  keep(instanceId: string, inputs: readonly unknown[], snapshot: InstanceSnapshot): void;
  /** The snapshot's findings, high first: the same list as last time if nothing in it changed. */
  findings(snapshot: InstanceSnapshot): Finding[];
  /** `sort()` of the parts, or the list it gave last time for the very same parts. */
  sorted(parts: readonly (readonly Finding[])[], sort: () => Finding[]): Finding[];
  clear(): void;
}

interface Entry {
  inputs: readonly unknown[];
  snapshot: InstanceSnapshot;
  /** Each rule's findings, in the order of RULES, as last found. */
  byRule?: Finding[][];
  all?: Finding[];
}

const same = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

const sameFindings = (a: readonly Finding[], b: readonly Finding[] | undefined): boolean =>
  a === b ||
  (b !== undefined &&
    a.length === b.length &&
    a.every((f, i) => {
      const g = b[i];
      return g !== undefined && f.id === g.id && f.why === g.why && f.severity === g.severity;
    }));

export function createOverviewMemo(): OverviewMemo {
  let facts: { inputs: readonly unknown[]; value: object } | undefined;
  let entries = new Map<string, Entry>();
  // The snapshots handed out, each to the entry it came from.
  let served = new WeakMap<InstanceSnapshot, Entry>();
  let report: { parts: readonly (readonly Finding[])[]; sorted: Finding[] } | undefined;
  return {
    facts<T extends object>(inputs: readonly unknown[], read: () => T): T {
      if (facts === undefined || !same(facts.inputs, inputs)) facts = { inputs, value: read() };
      return facts.value as T;
    },
    snapshot(instanceId, inputs, now) {
      const entry = entries.get(instanceId);
      if (entry === undefined || !same(entry.inputs, inputs)) return undefined;
      const snapshot = { ...entry.snapshot, now };
      served.set(snapshot, entry);
      return snapshot;
    },
    keep(instanceId, inputs, snapshot) {
      const entry = { inputs, snapshot };
      entries.set(instanceId, entry);
      served.set(snapshot, entry);
    },
    findings(snapshot) {
      const entry = served.get(snapshot);
      if (entry === undefined) return findingsOf(snapshot);
      const before = entry.byRule;
      const byRule = RULES.map((def, i) => {
        const kept = before?.[i];
        return kept !== undefined && def.timed !== true
          ? kept
          : (findingsByRule(snapshot, [def])[0] ?? []);
      });
      if (entry.all !== undefined && byRule.every((list, i) => sameFindings(list, before?.[i])))
        return entry.all;
      entry.byRule = byRule;
      // Frozen: handed out again while unchanged, and checked once at the contract for that.
      entry.all = deepFreeze(bySeverity(byRule));
      return entry.all;
    },
    sorted(parts, sort) {
      if (report === undefined || !same(report.parts, parts))
        report = { parts, sorted: deepFreeze(sort()) };
      return report.sorted;
    },
    clear() {
      facts = undefined;
      entries = new Map();
      served = new WeakMap();
      report = undefined;
    },
  };
}
