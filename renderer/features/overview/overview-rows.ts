// The Overview's findings as the rows of one windowed list: a heading row per instance and
// severity, then its findings. The filter is one pass over the findings, so a keystroke costs the
// same whether 50 or 5,000 are listed beyond what the window draws.
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

export const SEVERITIES: readonly FindingSeverity[] = ['high', 'medium', 'low'];

/** Each finding's words, lower-cased once per report, not once per keystroke. */
export function searchIndex(findings: readonly Finding[]): Map<string, string> {
  return new Map(
    findings.map((f) => [
      f.id,
      [f.instanceName, f.subject.name, f.why, f.rule, f.severity, f.fix.label]
        .join('\n')
        .toLowerCase(),
    ]),
  );
}

export function filterFindings(
  findings: readonly Finding[],
  index: ReadonlyMap<string, string>,
  text: string,
): readonly Finding[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return findings;
  return findings.filter((f) => {
    const haystack = index.get(f.id) ?? '';
    return words.every((w) => haystack.includes(w));
  });
}

/** Grouped by instance (in the instance list's order), then severity, high first. */
export function overviewRows(
  instances: readonly OverviewInstance[],
  findings: readonly Finding[],
): OverviewRow[] {
  const order = new Map(instances.map((i, n) => [i.instanceId, n]));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.instanceId}\n${f.severity}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [f]);
    else list.push(f);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const [ia = '', sa = 'low'] = a.split('\n');
    const [ib = '', sb = 'low'] = b.split('\n');
    const byInstance = (order.get(ia) ?? order.size) - (order.get(ib) ?? order.size);
    return byInstance !== 0
      ? byInstance
      : SEVERITIES.indexOf(sa as FindingSeverity) - SEVERITIES.indexOf(sb as FindingSeverity);
  });
  return keys.flatMap((key) => {
    const list = groups.get(key) ?? [];
    const first = list[0];
    if (first === undefined) return [];
    return [
      {
        kind: 'group' as const,
        id: `group:${key}`,
        instanceName: first.instanceName,
        severity: first.severity,
        count: list.length,
      },
      ...list.map((finding) => ({ kind: 'finding' as const, id: finding.id, finding })),
    ];
  });
}
