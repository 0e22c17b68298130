// The Overview from "refresh" to the complete report: 20 instances served by the fake Flowise,
// each with 500 keys, 1,000 flows and 200 credentials and 5 ms added to every answer. The same
// core wiring fetching one instance after another is the reference, measured in the same run;
// the two alternate so both see the same machine load. A refresh asks every list again, and the
// fakes answer 304 to an unchanged one as Flowise does (ETag); the first report after an unlock,
// with every list sent whole, is measured too and shown in the note.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { Api } from '../../common/ipc/contract.js';
import { DEFAULT_CONCURRENCY } from '../../main/core/overview/overview-compute.js';
import { createBenchCore } from './bench-core.js';
import type { BenchRow } from './bench-row.js';

const INSTANCES = 20;
/** As overview-servers.ts seeds each fake. */
const SEED = { keys: 500, chatflows: 1000, credentials: 200 };
const LATENCY_MS = 5;
const RUNS = 5;
const GOAL_MS = 1500;
const GOAL_SPEEDUP = 5;
const PASSWORD = 'a long enough bench password';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface Server {
  url: string;
  adminKey: string;
}

/** The fakes, served by a child process of ours (overview-servers.ts). */
async function startServers(): Promise<{ servers: Server[]; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./overview-servers.ts', import.meta.url).pathname,
      String(INSTANCES),
      String(LATENCY_MS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = once(child, 'exit').then(() => {
    throw new Error('the bench servers stopped before they were ready');
  });
  const ready = (async () => {
    while (!text.includes('\n')) await once(child.stdout, 'data');
    return JSON.parse(text) as Server[];
  })();
  return { servers: await Promise.race([ready, exited]), child };
}

interface BenchCore {
  api: Api;
  close(): Promise<void>;
}

/** A core of its own (own vault), holding every fake as an instance. */
async function coreOver(servers: readonly Server[], concurrency: number): Promise<BenchCore> {
  const dir = await mkdtemp(join(tmpdir(), 'fkv-bench-overview-'));
  const { core, api } = createBenchCore(dir, { overviewConcurrency: concurrency });
  await api.vault.create({ password: PASSWORD });
  for (const [i, server] of servers.entries())
    await api.instances.add({
      name: `bench ${String(i + 1)}`,
      baseUrl: server.url,
      adminKey: server.adminKey,
    });
  return {
    api,
    async close() {
      await core.shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function timedRefresh(api: Api): Promise<{ ms: number; findings: number }> {
  const t0 = performance.now();
  const report = await api.overview.report({ refresh: true });
  const ms = performance.now() - t0;
  const down = report.instances.filter((i) => i.state !== 'ok');
  if (down.length > 0 || report.instances.length !== INSTANCES)
    throw new Error(`${String(down.length)} instances were not read: ${down[0]?.error?.message}`);
  return { ms, findings: report.findings.length };
}

/** The first report after a lock and unlock, when nothing of the last unlock is kept. */
async function firstReport(api: Api): Promise<number> {
  await api.vault.lock();
  await api.vault.unlock({ password: PASSWORD });
  return (await timedRefresh(api)).ms;
}

export async function runOverviewBench(): Promise<BenchRow[]> {
  process.stdout.write(
    `  starting ${String(INSTANCES)} fake servers (${String(SEED.keys)} keys, ${String(SEED.chatflows)} flows, ${String(SEED.credentials)} credentials each)…\n`,
  );
  const { servers, child } = await startServers();
  const cores: BenchCore[] = [];
  try {
    const concurrent = await coreOver(servers, DEFAULT_CONCURRENCY);
    const sequential = await coreOver(servers, 1);
    cores.push(concurrent, sequential);
    // The first report of a vault records every key's first-seen date; later ones only read.
    await timedRefresh(concurrent.api);
    await timedRefresh(sequential.api);
    const ours: number[] = [];
    const reference: number[] = [];
    let findings = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const result = await timedRefresh(concurrent.api);
      ours.push(result.ms);
      findings = result.findings;
      reference.push((await timedRefresh(sequential.api)).ms);
    }
    const oursMs = median(ours);
    const referenceMs = median(reference);
    // A refresh finds every list unchanged (304) and re-uses what it worked out; the first report
    // after an unlock has every list sent and checked whole. Shown beside the goal, not in it.
    const first = {
      ours: await firstReport(concurrent.api),
      reference: await firstReport(sequential.api),
    };
    const note =
      `median of ${String(RUNS)}, ${String(INSTANCES)} fake servers in another process, ${String(LATENCY_MS)} ms added to every answer, ${String(DEFAULT_CONCURRENCY)} at once; ${String(findings)} findings; ` +
      `first report after an unlock: ${first.ours.toFixed(0)} ms vs ${first.reference.toFixed(0)} ms one after another (${(first.reference / first.ours).toFixed(2)}x)`;
    return [
      {
        name: `overview refresh, ${String(INSTANCES)} instances (vs one after another)`,
        ours: oursMs,
        reference: referenceMs,
        ratio: referenceMs / oursMs,
        unit: 'ms',
        target: `≥ ${String(GOAL_SPEEDUP)}x`,
        pass: referenceMs / oursMs >= GOAL_SPEEDUP,
        note,
      },
      {
        name: `overview refresh, ${String(INSTANCES)} instances (absolute)`,
        ours: oursMs,
        reference: GOAL_MS,
        ratio: oursMs / GOAL_MS,
        unit: 'ms',
        target: `< ${String(GOAL_MS)} ms`,
        pass: oursMs < GOAL_MS,
        note,
      },
    ];
  } finally {
    for (const core of cores) await core.close();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}
