// The dependency gate: no high or critical advisory in what ships (production dependencies, and
// the Electron runtime, which ships although it is a devDependency) unless the allowlist accepts
// it with a written reason and a date by which someone looks again.
import { z } from 'zod';

const Advisory = z.object({
  source: z.union([z.number(), z.string()]),
  name: z.string(),
  title: z.string(),
  url: z.string(),
  severity: z.enum(['info', 'low', 'moderate', 'high', 'critical']),
});
export type Advisory = z.infer<typeof Advisory>;

/** `npm audit --json` (report version 2), reduced to what the gate reads. */
export const AuditReport = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(
    z.string(),
    z.object({ via: z.array(z.union([z.string(), Advisory.loose()])) }).loose(),
  ),
});
export type AuditReport = z.infer<typeof AuditReport>;

export const Allowlist = z.strictObject({
  $comment: z.string().optional(),
  accepted: z.array(
    z.strictObject({
      /** GHSA id, as in the advisory's URL. */
      advisory: z.string().regex(/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/),
      package: z.string().min(1),
      /** Why the vulnerable code cannot be reached from this app; a reviewer must accept it. */
      reason: z.string().min(40),
      /** ISO date; after it the acceptance lapses and the gate fails again. */
      reviewBy: z.iso.date(),
    }),
  ),
});
export type Allowlist = z.infer<typeof Allowlist>;

const BLOCKING = new Set(['high', 'critical']);

export const ghsaOf = (advisory: Advisory): string =>
  /GHSA(-[0-9a-z]{4}){3}/i.exec(advisory.url)?.[0] ?? String(advisory.source);

/** Every distinct advisory behind a report, optionally only those against `packages`. */
export function advisoriesIn(report: AuditReport, packages?: ReadonlySet<string>): Advisory[] {
  const found = new Map<string, Advisory>();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string' || (packages && !packages.has(via.name))) continue;
      found.set(`${ghsaOf(via)} ${via.name}`, via);
    }
  }
  return [...found.values()];
}

export interface Verdict {
  blocking: Advisory[];
  accepted: Advisory[];
  /** Allowlist entries that matched nothing: candidates for removal. */
  unused: string[];
}

export function judge(advisories: Advisory[], allowlist: Allowlist, today: string): Verdict {
  const valid = allowlist.accepted.filter((entry) => entry.reviewBy >= today);
  const matches = (a: Advisory) => (e: Allowlist['accepted'][number]) =>
    e.advisory.toLowerCase() === ghsaOf(a).toLowerCase() && e.package === a.name;
  const serious = advisories.filter((a) => BLOCKING.has(a.severity));
  return {
    blocking: serious.filter((a) => !valid.some(matches(a))),
    accepted: serious.filter((a) => valid.some(matches(a))),
    unused: allowlist.accepted
      .filter((e) => !advisories.some((a) => matches(a)(e)))
      .map((e) => `${e.advisory} (${e.package})`),
  };
}
