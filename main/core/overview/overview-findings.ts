// Findings from the rules of overview-rules.ts: each rule's hits with the rest of the finding
// (its id, severity and fix), one instance's list high first, and every instance's in one order.
import type { Finding, FindingSeverity } from '../../../common/ipc/schemas/overview.js';
import type { InstanceSnapshot } from './overview-snapshot.js';
import type { RuleDef } from './overview-rules.js';
import { RULES } from './overview-rules.js';

const SEVERITY_ORDER: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Each rule's fix as a finding carries it: built once, shared by all of that rule's findings
 * (they are read, never changed, and copied when they cross to the renderer). */
const fixes = new WeakMap<RuleDef, Finding['fix']>();
function fixOf(def: RuleDef): Finding['fix'] {
  let fix = fixes.get(def);
  if (fix === undefined) {
    fix = {
      ...def.fix,
      ...(def.alternatives === undefined ? {} : { alternatives: [...def.alternatives] }),
    };
    fixes.set(def, fix);
  }
  return fix;
}

/** Each rule's findings for one instance, in the order of `rules`. */
export function findingsByRule(snapshot: InstanceSnapshot, rules = RULES): Finding[][] {
  return rules.map((def) => {
    const fix = fixOf(def);
    return def.check(snapshot).map((hit) => ({
      id: `${def.rule}:${snapshot.instanceId}:${hit.subject.id}`,
      rule: def.rule,
      severity: hit.severity ?? def.severity,
      instanceId: snapshot.instanceId,
      instanceName: snapshot.name,
      subject: hit.subject,
      why: hit.why,
      fix,
    }));
  });
}

/** One instance's findings by rule, as one list, high first (rule order within a severity). */
export function bySeverity(byRule: readonly (readonly Finding[])[]): Finding[] {
  return byRule.flat().sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** Every finding of one instance, high first. */
export function findingsOf(snapshot: InstanceSnapshot, rules = RULES): Finding[] {
  return bySeverity(findingsByRule(snapshot, rules));
}

export function sortFindings(findings: readonly Finding[], order: readonly string[]): Finding[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  const ruleRank = new Map(RULES.map((r, i) => [r.rule, i]));
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (rank.get(a.instanceId) ?? 0) - (rank.get(b.instanceId) ?? 0) ||
      (ruleRank.get(a.rule) ?? 0) - (ruleRank.get(b.rule) ?? 0) ||
      a.subject.name.localeCompare(b.subject.name),
  );
}
