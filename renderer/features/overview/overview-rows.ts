// The Overview's findings as the rows of one windowed list: a heading row per instance and
// severity, then its findings. Grouping, sorting and lower-casing happen once per report; a filter
// keystroke is then one pass over rows already in order, so it costs little more with 5,000
// findings than with 50 beyond what the window draws.
import type {
  Finding,
  FindingSeverity,
  OverviewInstance,
} from '../../../common/ipc/schemas/overview.js';

export type OverviewRow =
  | {
      kind: 'group';
      id: string;
      instanceName: string;
      severity: FindingSeverity;
      count: number;
    }
  | { kind: 'finding'; id: string; finding: Finding };

type GroupRow = Extract<OverviewRow, { kind: 'group' }>;
type FindingListRow = Extract<OverviewRow, { kind: 'finding' }>;

export const SEVERITIES: readonly FindingSeverity[] = ['high', 'medium', 'low'];

interface Entry {
  row: FindingListRow;
  /** Its group's index in `groups`. */
  group: number;
  /** The finding's words, lower-cased. */
  haystack: string;
}

export interface FindingIndex {
  /** Every finding's row, in display order. */
  entries: readonly Entry[];
  /** Each group's heading over every finding. */
  groups: readonly GroupRow[];
  /** The rows with no filter. */
  all: readonly OverviewRow[];
}

const wordsOf = (f: Finding): string =>
  [f.instanceName, f.subject.name, f.why, f.rule, f.severity, f.fix.label].join('\n').toLowerCase();

/** Grouped by instance (in the instance list's order), then severity, high first. */
export function indexFindings(
  instances: readonly OverviewInstance[],
  findings: readonly Finding[],
): FindingIndex {
  const order = new Map(instances.map((i, n) => [i.instanceId, n]));
  const byGroup = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.instanceId}\n${f.severity}`;
    const list = byGroup.get(key);
    if (list === undefined) byGroup.set(key, [f]);
    else list.push(f);
  }
  const rank = (f: Finding): number => order.get(f.instanceId) ?? order.size;
  const lists = [...byGroup.values()].sort((a, b) => {
    const [fa, fb] = [a[0], b[0]];
    if (fa === undefined || fb === undefined) return 0;
    return rank(fa) - rank(fb) || SEVERITIES.indexOf(fa.severity) - SEVERITIES.indexOf(fb.severity);
  });
  const entries: Entry[] = [];
  const groups: GroupRow[] = [];
  const all: OverviewRow[] = [];
  for (const list of lists) {
    const first = list[0];
    if (first === undefined) continue;
    const group: GroupRow = {
      kind: 'group',
      id: `group:${first.instanceId}\n${first.severity}`,
      instanceName: first.instanceName,
      severity: first.severity,
      count: list.length,
    };
    all.push(group);
    for (const finding of list) {
      const row: FindingListRow = { kind: 'finding', id: finding.id, finding };
      entries.push({ row, group: groups.length, haystack: wordsOf(finding) });
      all.push(row);
    }
    groups.push(group);
  }
  return { entries, groups, all };
}

/** The rows whose finding holds every word of `text`, under headings counting only those. */
export function rowsMatching(
  index: FindingIndex,
  text: string,
): { rows: readonly OverviewRow[]; shown: number } {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { rows: index.all, shown: index.entries.length };
  const rows: OverviewRow[] = [];
  let heading: GroupRow | undefined;
  let current = -1;
  let shown = 0;
  for (const entry of index.entries) {
    if (!words.every((w) => entry.haystack.includes(w))) continue;
    if (entry.group !== current) {
      const group = index.groups[entry.group];
      if (group === undefined) continue;
      current = entry.group;
      heading = { ...group, count: 0 };
      rows.push(heading);
    }
    if (heading !== undefined) heading.count += 1;
    rows.push(entry.row);
    shown += 1;
  }
  return { rows, shown };
}
