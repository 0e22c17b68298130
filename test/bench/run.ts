// `npm run bench`: every benchmark, each measured side by side with its reference in one run.
// Targets are reported, never asserted: a slow CI machine must not fail the build.
import type { BenchRow } from './bench-row.js';
import { runKeysListBench } from './keys-list-bench.js';
import { runRotationCutoverBench } from './rotation-cutover-bench.js';
import { runVaultBench } from './vault-bench.js';

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['vault', runVaultBench],
  ['keys.list', runKeysListBench],
  ['rotation cutover', runRotationCutoverBench],
];

const rows: BenchRow[] = [];
for (const [name, run] of suites) {
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
