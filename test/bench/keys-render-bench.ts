// The keys list in Chromium: the built renderer on the loopback harness, against a fake Flowise
// serving 10,000 keys, beside the same steps against 100 keys in the same run. Rounds alternate
// the two sizes, each in a fresh harness and page. Times come from the page's own clock
// (keys-render-probe.ts), so Playwright's round trips never count.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import type { Browser, Page } from '@playwright/test';
import { chromium } from '@playwright/test';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { InstancesPage } from '../e2e/pages/instances-pages.js';
import { KeysPage } from '../e2e/pages/keys-pages.js';
import { AppFrame, CreateVaultPage } from '../e2e/pages/vault-pages.js';
import { startHarness } from '../harness/harness-server.js';
import type { BenchRow } from './bench-row.js';
import type { FirstRender, Keystroke } from './keys-render-probe.js';
import { PROBE_SCRIPT } from './keys-render-probe.js';

const SIZES = { ours: 10_000, reference: 100 } as const;
const ROUNDS = 3;
/** Typed one key at a time, then erased one Backspace at a time: narrowing and widening. */
const QUERIES = ['seed-key-1234', 'key-42'];
const repoRoot = resolve(import.meta.dirname, '../..');

interface Samples {
  first: FirstRender[];
  keystrokes: Keystroke[];
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

export async function keystroke(page: Page, key: string, text: string): Promise<Keystroke> {
  await page.evaluate(`window.__fkvBench.arm(${JSON.stringify(text)})`);
  await page.keyboard.press(key);
  return page.evaluate<Keystroke>('window.__fkvBench.result()');
}

/** A fresh harness and page with the probe installed, a new vault and `flowise` as its one
 * instance; `then` runs on the page before both are closed. */
export async function onFreshApp(
  browser: Browser,
  flowise: FakeFlowise,
  probe: string,
  then: (page: Page, frame: AppFrame) => Promise<void>,
): Promise<void> {
  const harness = await startHarness({
    kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(probe);
    await page.goto(harness.url);
    await new CreateVaultPage(page).create('bench password, long enough');
    const frame = new AppFrame(page);
    await frame.open('Instances');
    await new InstancesPage(page).add({
      name: 'bench',
      baseUrl: flowise.url,
      adminKey: flowise.adminKey,
    });
    await then(page, frame);
  } finally {
    await context.close();
    await harness.close();
  }
}

/** Types each query one key at a time, then erases it one Backspace at a time. */
export async function typeQueries(page: Page, into: Keystroke[]): Promise<void> {
  for (const query of QUERIES) {
    for (let i = 1; i <= query.length; i += 1)
      into.push(await keystroke(page, query[i - 1] ?? '', query.slice(0, i)));
    for (let i = query.length - 1; i >= 0; i -= 1)
      into.push(await keystroke(page, 'Backspace', query.slice(0, i)));
  }
}

/** Typing starts once the page is idle: the tail of a large reply is no keystroke's cost. */
export const untilIdle = (page: Page): Promise<unknown> =>
  page.evaluate('new Promise((done) => requestIdleCallback(done, { timeout: 5000 }))');

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });

export type Side = 'ours' | 'reference';

/** `rounds` rounds of each side in one Chromium, alternating which goes first so both see the
 * same machine; the fakes are closed at the end. */
export async function alternateRounds(
  fakes: Record<Side, FakeFlowise>,
  rounds: number,
  label: (side: Side) => string,
  round: (browser: Browser, side: Side) => Promise<void>,
): Promise<void> {
  const browser = await launchChromium();
  try {
    for (let i = 0; i < rounds; i += 1) {
      const order: readonly Side[] = i % 2 === 0 ? ['reference', 'ours'] : ['ours', 'reference'];
      for (const side of order) {
        process.stdout.write(`  round ${String(i + 1)}: ${label(side)}\n`);
        await round(browser, side);
      }
    }
  } finally {
    await browser.close();
    await fakes.ours.close();
    await fakes.reference.close();
  }
}

function round(browser: Browser, flowise: FakeFlowise, into: Samples): Promise<void> {
  return onFreshApp(browser, flowise, PROBE_SCRIPT, async (page, frame) => {
    await frame.open('Keys');
    into.first.push(await page.evaluate<FirstRender>('window.__fkvBench.firstRender()'));
    await untilIdle(page);
    await new KeysPage(page).search.focus();
    await typeQueries(page, into.keystrokes);
  });
}

function row(
  name: string,
  ours: number,
  reference: number,
  target: number,
  note: string,
): BenchRow {
  return {
    name,
    ours,
    reference,
    ratio: ours / reference,
    unit: 'ms',
    target: `ours ≤ ${String(target)} ms`,
    pass: ours <= target,
    note,
  };
}

export async function runKeysRenderBench(): Promise<BenchRow[]> {
  // The bench times the sources as they are now, and needs the mark KeysPanel sets.
  process.stdout.write('  building the renderer and the harness bridge…\n');
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  const fakes = {
    // The fake's admin key is one of the listed keys.
    ours: await startFakeFlowise({ seed: { keys: SIZES.ours - 1, chatflows: 20 } }),
    reference: await startFakeFlowise({ seed: { keys: SIZES.reference - 1, chatflows: 20 } }),
  };
  const samples: Record<Side, Samples> = {
    ours: { first: [], keystrokes: [] },
    reference: { first: [], keystrokes: [] },
  };
  await alternateRounds(
    fakes,
    ROUNDS,
    (side) => `${String(SIZES[side])} keys`,
    (browser, side) => round(browser, fakes[side], samples[side]),
  );
  for (const side of ['ours', 'reference'] as const) {
    const totals = new Set(samples[side].first.map((f) => f.total));
    if (totals.size !== 1 || !totals.has(SIZES[side]))
      throw new Error(`expected ${String(SIZES[side])} keys, rendered ${[...totals].join(', ')}`);
  }
  const first = (s: Samples, to: 'committed' | 'painted', from: 'arrived' | 'clicked') =>
    percentile(
      s.first.map((f) => f[to] - f[from]),
      50,
    );
  const keystrokes = (s: Samples, to: Exclude<keyof Keystroke, 'down'>, p: number) =>
    percentile(
      s.keystrokes.map((k) => k[to] - k.down),
      p,
    );
  const { ours, reference } = samples;
  const n = ours.keystrokes.length;
  const vs = `10,000 keys vs ${String(SIZES.reference)} keys`;
  return [
    row(
      `keys first render, ${vs}: keys.list reply → first row painted (median of ${String(ROUNDS)})`,
      first(ours, 'painted', 'arrived'),
      first(reference, 'painted', 'arrived'),
      100,
      `reply → list committed (parse + React): ${first(ours, 'committed', 'arrived').toFixed(0)} ` +
        `vs ${first(reference, 'committed', 'arrived').toFixed(0)} ms, the rest is Chromium ` +
        `finishing with the harness WebSocket message before the frame; from the Keys click ` +
        `(Flowise, core, harness result checks included): ` +
        `${first(ours, 'painted', 'clicked').toFixed(0)} vs ` +
        `${first(reference, 'painted', 'clicked').toFixed(0)} ms`,
    ),
    row(
      `keys search, ${vs}: keystroke → list updated → next frame painted, p50 of ${String(n)}`,
      keystrokes(ours, 'painted', 50),
      keystrokes(reference, 'painted', 50),
      16,
      `the list renders on a deferred value, after the typed character is painted: ` +
        `keystroke → character painted p50 ${keystrokes(ours, 'echo', 50).toFixed(1)}, ` +
        `p95 ${keystrokes(ours, 'echo', 95).toFixed(1)} ms (${String(SIZES.reference)} keys: ` +
        `p50 ${keystrokes(reference, 'echo', 50).toFixed(1)}, p95 ${keystrokes(reference, 'echo', 95).toFixed(1)} ms)`,
    ),
    row(
      `keys search, ${vs}: keystroke → list updated → next frame painted, p95 of ${String(n)}`,
      keystrokes(ours, 'painted', 95),
      keystrokes(reference, 'painted', 95),
      16,
      `waits for the next 60 Hz frame too; keystroke → list committed to the DOM: ` +
        `p50 ${keystrokes(ours, 'committed', 50).toFixed(1)}, p95 ${keystrokes(ours, 'committed', 95).toFixed(1)} ms ` +
        `(${String(SIZES.reference)} keys: p50 ${keystrokes(reference, 'committed', 50).toFixed(1)}, ` +
        `p95 ${keystrokes(reference, 'committed', 95).toFixed(1)} ms); keydown timestamp → ` +
        `the page's keydown listener (no app code): p50 ${keystrokes(ours, 'handled', 50).toFixed(1)}, ` +
        `p95 ${keystrokes(ours, 'handled', 95).toFixed(1)} ms`,
    ),
  ];
}
