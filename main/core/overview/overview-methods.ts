// The overview.* methods: the report is computed once per unlock and kept until the vault locks;
// a refresh computes it again. Two calls while one is under way share it.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { OverviewReport } from '../../../common/ipc/schemas/overview.js';
import { computeReport } from './overview-compute.js';
import type { OverviewDeps } from './overview-deps.js';
import { exportReport } from './overview-export.js';
import { createFlowScans } from './flow-scans.js';
import { createOverviewMemo } from './overview-memo.js';

export interface OverviewMethods {
  methods: ApiImpl['overview'];
  /** Forgets the cached report (on lock). */
  clear(): void;
}

export function createOverviewMethods(deps: OverviewDeps): OverviewMethods {
  let cached: Promise<OverviewReport> | undefined;
  // Kept across refreshes, so a refresh rescans only the flows that changed and works out again
  // only what changed; forgotten on lock.
  const flowScans = createFlowScans();
  const memo = createOverviewMemo();
  const compute = (): Promise<OverviewReport> => {
    const run = computeReport({ ...deps, flowScans, memo });
    cached = run;
    // A failed run is not kept: the next call tries again.
    run.catch(() => {
      if (cached === run) cached = undefined;
    });
    return run;
  };
  const report = (refresh: boolean): Promise<OverviewReport> =>
    refresh || cached === undefined ? compute() : cached;
  return {
    methods: {
      report: ({ refresh }) => report(refresh === true),
      export: async ({ format }) => exportReport(await report(false), format),
    },
    clear() {
      cached = undefined;
      flowScans.clear();
      memo.clear();
    },
  };
}
