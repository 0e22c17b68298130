// The Overview's filter in Chromium, measured like the keys search (keys-render-bench.ts): the
// built renderer on the loopback harness against a fake Flowise whose one instance yields 5,001
// findings, beside one yielding 51, in the same run. Each seeded key is unused and holds every
// apikeys:* permission (two findings); the admin key holds everything (one). Rounds alternate the
// sizes, each in a fresh harness and page; times come from the page's own clock.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import type { Browser } from '@playwright/test';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { OverviewPage } from '../e2e/pages/overview-pages.js';
import { OVERVIEW_SHOWN_MARK } from '../../renderer/features/overview/overview-marks.js';
import type { BenchRow } from './bench-row.js';
import type { FirstRender, Keystroke } from './keys-render-probe.js';
import { probeScript } from './keys-render-probe.js';
import type { Side } from './keys-render-bench.js';
import {
  alternateRounds,
  onFreshApp,
  percentile,
  typeQueries,
  untilIdle,
} from './keys-render-bench.js';

const KEYS = { ours: 2500, reference: 25 } as const;
const findingsOf = (keys: number): number => 2 * keys + 1;
const ROUNDS = 3;
const GOAL_RATIO = 1.1;
const PROBE = probeScript(OVERVIEW_SHOWN_MARK, 'overview.report');
const repoRoot = resolve(import.meta.dirname, '../..');

interface Samples {
  totals: number[];
  keystrokes: Keystroke[];
}

function round(browser: Browser, flowise: FakeFlowise, into: Samples): Promise<void> {
  return onFreshApp(browser, flowise, PROBE, async (page, frame) => {
    await frame.open('Overview');
    // The report of the vault's first moments had no instance: this one reads the fake.
    const overview = new OverviewPage(page);
    await overview.refresh();
    into.totals.push((await page.evaluate<FirstRender>('window.__fkvBench.firstRender()')).total);
    await untilIdle(page);
    await overview.filter.focus();
    await typeQueries(page, into.keystrokes);
  });
}

export async function runOverviewFilterBench(): Promise<BenchRow[]> {
  process.stdout.write('  building the renderer and the harness bridge…\n');
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  const fakes = {
    ours: await startFakeFlowise({ seed: { keys: KEYS.ours } }),
    reference: await startFakeFlowise({ seed: { keys: KEYS.reference } }),
  };
  const samples: Record<Side, Samples> = {
    ours: { totals: [], keystrokes: [] },
    reference: { totals: [], keystrokes: [] },
  };
  await alternateRounds(
    fakes,
    ROUNDS,
    (side) => `${String(findingsOf(KEYS[side]))} findings`,
    (browser, side) => round(browser, fakes[side], samples[side]),
  );
  for (const side of ['ours', 'reference'] as const) {
    const totals = new Set(samples[side].totals);
    if (totals.size !== 1 || !totals.has(findingsOf(KEYS[side])))
      throw new Error(
        `expected ${String(findingsOf(KEYS[side]))} findings, listed ${[...totals].join(', ')}`,
      );
  }
  const at = (s: Samples, to: Exclude<keyof Keystroke, 'down'>, p: number): number =>
    percentile(
      s.keystrokes.map((k) => k[to] - k.down),
      p,
    );
  const { ours, reference } = samples;
  const ratio = at(ours, 'painted', 95) / at(reference, 'painted', 95);
  const ms = (n: number): string => n.toFixed(1);
  return [
    {
      name: `overview.filter, ${String(findingsOf(KEYS.ours))} findings vs ${String(findingsOf(KEYS.reference))}: keystroke → list updated → next frame painted, p95 of ${String(ours.keystrokes.length)}`,
      ours: at(ours, 'painted', 95),
      reference: at(reference, 'painted', 95),
      ratio,
      unit: 'ms',
      target: `≤ ${GOAL_RATIO.toFixed(2)}x`,
      pass: ratio <= GOAL_RATIO,
      note:
        `p50 ${ms(at(ours, 'painted', 50))} vs ${ms(at(reference, 'painted', 50))} ms; ` +
        `keystroke → list committed p95 ${ms(at(ours, 'committed', 95))} vs ` +
        `${ms(at(reference, 'committed', 95))} ms; keystroke → character painted p95 ` +
        `${ms(at(ours, 'echo', 95))} vs ${ms(at(reference, 'echo', 95))} ms; the list is ` +
        `windowed and filtered on a deferred value`,
    },
  ];
}
