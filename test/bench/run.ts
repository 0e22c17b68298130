// `npm run bench`: every benchmark, each measured side by side with its reference in one run.
// Targets are reported, never asserted: a slow CI machine must not fail the build.
// `npm run bench -- keys.render bundle` runs only the suites named.
import type { BenchRow } from './bench-row.js';
import { runBundleBench } from './bundle-bench.js';
import { runCliStartBench } from './cli-start-bench.js';
import { runKeysListBench } from './keys-list-bench.js';
import { runKeysRenderBench } from './keys-render-bench.js';
import { runOverviewBench } from './overview-bench.js';
import { runOverviewFilterBench } from './overview-filter-bench.js';
import { runRotationCutoverBench } from './rotation-cutover-bench.js';
import { runVaultBench } from './vault-bench.js';

// keys.render builds dist, which bundle then measures.
const suites: [string, () => Promise<BenchRow[]>][] = [
  ['vault', runVaultBench],
  ['keys.list', runKeysListBench],
  ['keys.render', runKeysRenderBench],
  ['bundle', runBundleBench],
  ['rotation.cutover', runRotationCutoverBench],
  ['overview', runOverviewBench],
  ['overview.filter', runOverviewFilterBench],
  ['cli', runCliStartBench],
];

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !suites.some(([n]) => n === name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown suite ${unknown.join(', ')}; choose from ${suites.map(([n]) => n).join(', ')}.\n`,
  );
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const [name, run] of suites.filter(([n]) => chosen.length === 0 || chosen.includes(n))) {
  process.stdout.write(`running ${name} bench…\n`);
  rows.push(...(await run()));
}

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
process.stdout.write('\n');
for (const row of rows) {
  process.stdout.write(
    `${row.pass ? 'PASS' : 'MISS'}  ${row.name}: ours ${fmt(row.ours)} ${row.unit}, ` +
      `reference ${fmt(row.reference)} ${row.unit}, ratio ${row.ratio.toFixed(2)}x ` +
      `(target ${row.target})${row.note ? ` — ${row.note}` : ''}\n`,
  );
}
