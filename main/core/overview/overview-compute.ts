// One Overview report: every instance fetched a few at a time, each bounded by its own timeout, so
// one slow server never holds up the others; each instance's part is sent as it arrives.
import { AppError } from '../../../common/errors.js';
import type {
  Finding,
  OverviewInstance,
  OverviewReport,
} from '../../../common/ipc/schemas/overview.js';
import type { InstanceRecord } from '../instances/instance-store.js';
import { eachSettled } from '../rotation/each-limited.js';
import type { InstanceSnapshot } from './overview-snapshot.js';
import type { OverviewDeps } from './overview-deps.js';
import type { SharedFacts } from './overview-fetch.js';
import { fetchSnapshot, sharedFacts, vaultOnlySnapshot } from './overview-fetch.js';
import { findingsOf, sortFindings } from './overview-findings.js';

/** Each instance is its own server, so sixteen at once puts no more load on any one of them. What
 * it bounds is the app's open connections (three per instance) and, on the first report of an
 * unlock, the raw answers held at once (a few MB per instance). The lists themselves are kept
 * for the whole unlock anyway (flowise/conditional-reads.ts), whatever the bound. Once the lists
 * come back as 304s an instance costs the app about a millisecond, so its waits decide: twenty
 * servers at eight at once wait three times in a row, at sixteen twice. */
export const DEFAULT_CONCURRENCY = 16;

/** The instance's fetch, or an unreachable snapshot once its timeout passes. */
function withinTimeout(
  deps: OverviewDeps,
  record: InstanceRecord,
  shared: SharedFacts,
): Promise<InstanceSnapshot> {
  return new Promise((resolve) => {
    const timer = deps.clock.setTimeout(() => {
      resolve({
        ...vaultOnlySnapshot(deps, record, shared),
        reach: {
          state: 'unreachable',
          error: {
            code: 'timeout',
            message: `${record.name} did not answer within ${String(record.timeoutMs / 1000)} s.`,
          },
        },
      });
    }, record.timeoutMs);
    void fetchSnapshot(deps, record, shared).then((snapshot) => {
      deps.clock.clearTimeout(timer);
      resolve(snapshot);
    });
  });
}

function summarize(snapshot: InstanceSnapshot, checkedAt: number): OverviewInstance {
  const { reach } = snapshot;
  return {
    instanceId: snapshot.instanceId,
    name: snapshot.name,
    state: reach.state,
    ...(reach.state === 'ok'
      ? {
          counts: {
            keys: snapshot.keys.length,
            flows: snapshot.flows.length,
            credentials: snapshot.credentials.length,
          },
        }
      : { error: reach.error }),
    checkedAt,
  };
}

/** All instances' findings in one order; the same list as last time when no part changed. */
function sortedFindings(
  deps: OverviewDeps,
  order: readonly string[],
  parts: readonly (readonly Finding[])[],
): Finding[] {
  // The parts come in instance order, so the same parts in the same places mean the same order.
  const sort = (): Finding[] => sortFindings(parts.flat(), order);
  return deps.memo === undefined ? sort() : deps.memo.sorted(parts, sort);
}

export async function computeReport(deps: OverviewDeps): Promise<OverviewReport> {
  const records = deps.clients.all();
  const shared = sharedFacts(deps);
  const generatedAt = shared.now;
  const parts = new Map<string, { instance: OverviewInstance; findings: Finding[] }>();
  let done = 0;
  const failures = await eachSettled(
    records,
    deps.concurrency ?? DEFAULT_CONCURRENCY,
    async (record) => {
      const snapshot = await withinTimeout(deps, record, shared);
      const part = {
        instance: summarize(snapshot, deps.clock.now()),
        findings: deps.memo?.findings(snapshot) ?? findingsOf(snapshot),
      };
      parts.set(record.id, part);
      done += 1;
      deps.events.emit('overview.progress', {
        generatedAt,
        ...part,
        done,
        total: records.length,
      });
    },
  );
  // fetchSnapshot turns every server error into a finding; anything else is a defect.
  const [failure] = failures;
  if (failure !== undefined) throw failure.error;
  const instances = records.map((r) => {
    const part = parts.get(r.id);
    if (part === undefined) throw new AppError('internal', `No overview of "${r.name}".`);
    return part.instance;
  });
  return {
    generatedAt,
    instances,
    findings: sortedFindings(
      deps,
      records.map((r) => r.id),
      records.map((r) => parts.get(r.id)?.findings ?? []),
    ),
  };
}
