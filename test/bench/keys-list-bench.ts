// keys.list through the contract's checked handler and the real core, against a direct fetch of
// the same GET /api/v1/apikey from Node, on a real Flowise holding 1,000 keys. Calls alternate so
// both sides see the same server state; the medians are compared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { startFlowise } from '../flowise/flowise-server.js';
import { createBenchCore } from './bench-core.js';
import type { BenchRow } from './bench-row.js';

const KEYS = 1000;
const RUNS = 31;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function seed(url: string, apiKey: string): Promise<void> {
  const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  const existing = (await (await fetch(`${url}/api/v1/apikey`, { headers })).json()) as unknown[];
  for (let i = existing.length; i < KEYS; i += 1) {
    const body = JSON.stringify({ keyName: `bench-${String(i)}`, permissions: ['chatflows:view'] });
    const response = await fetch(`${url}/api/v1/apikey`, { method: 'POST', headers, body });
    if (!response.ok)
      throw new Error(`seeding failed at key ${String(i)}: ${String(response.status)}`);
    await response.arrayBuffer();
  }
}

export async function runKeysListBench(): Promise<BenchRow[]> {
  const flowise = await startFlowise();
  const dir = await mkdtemp(join(tmpdir(), 'fkv-bench-keys-'));
  try {
    process.stdout.write(`  seeding ${String(KEYS)} keys into a fresh Flowise…\n`);
    await seed(flowise.url, flowise.apiKey);
    const { core, api } = createBenchCore(dir);
    await api.vault.create({ password: 'bench password, long enough' });
    const { id } = await api.instances.add({
      name: 'bench',
      baseUrl: flowise.url,
      adminKey: flowise.apiKey,
    });
    const ours = async (): Promise<void> => {
      await api.keys.list({ instanceId: id });
    };
    const direct = async (): Promise<void> => {
      const response = await fetch(`${flowise.url}/api/v1/apikey`, {
        headers: { Authorization: `Bearer ${flowise.apiKey}` },
      });
      JSON.parse(await response.text());
    };
    await ours(); // the first call records every key's first-seen date in the vault
    await direct();
    const oursMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      for (const [fn, into] of i % 2 === 0
        ? ([
            [ours, oursMs],
            [direct, directMs],
          ] as const)
        : ([
            [direct, directMs],
            [ours, oursMs],
          ] as const)) {
        const start = performance.now();
        await fn();
        into.push(performance.now() - start);
      }
    }
    await core.shutdown();
    const a = median(oursMs);
    const b = median(directMs);
    return [
      {
        name: `keys.list, ${String(KEYS)} keys, contract + core vs direct fetch (median of ${String(RUNS)})`,
        ours: a,
        reference: b,
        ratio: a / b,
        unit: 'ms',
        target: '≤ 1.10x',
        pass: a / b <= 1.1,
        note: 'ours also lists chatflows (to name bound flows), validates rows, fingerprints and masks',
      },
    ];
  } finally {
    await flowise.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
