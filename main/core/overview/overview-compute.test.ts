// One report over many instances: a bound on how many are fetched at once, each instance's part
// sent as it arrives, and a slow server cut off at its own timeout without holding up the others.
import { describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import type { OverviewProgress } from '../../../common/ipc/schemas/overview.js';
import { DEFAULT_SETTINGS } from '../../../common/ipc/schemas/settings.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import type { InstanceRecord } from '../instances/instance-store.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryLogger, RecordingEventSink } from '../testing/memory-ports.js';
import { computeReport } from './overview-compute.js';
import type { OverviewDeps } from './overview-deps.js';

function record(n: number, timeoutMs = 15_000): InstanceRecord {
  return {
    id: `00000000-0000-4000-8000-00000000000${String(n)}`,
    name: `server ${String(n)}`,
    baseUrl: `https://s${String(n)}.example.com`,
    adminKey: `admin-key-of-server-${String(n)}`,
    allowInsecureHttp: false,
    timeoutMs,
    colour: '#4f6bed',
    createdAt: 0,
    updatedAt: 0,
  };
}

interface Gate {
  open(): void;
  fail(error: unknown): void;
  wait: Promise<void>;
}

function gate(): Gate {
  let open = (): void => undefined;
  let fail = (_error: unknown): void => undefined;
  const wait = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { open, fail, wait };
}

/** Every instance answers once its gate opens: no keys, no flows, one credential. */
function harness(records: InstanceRecord[], concurrency?: number) {
  const gates = new Map(records.map((r) => [r.id, gate()]));
  const started: string[] = [];
  const clock = new FakeClock();
  const events = new RecordingEventSink();
  const client = (id: string): FlowiseClient =>
    ({
      generation: async () => {
        started.push(id);
        await gates.get(id)?.wait;
        return '3.0.13+';
      },
      listKeys: () => Promise.resolve([]),
      listChatflows: () => Promise.resolve([]),
      listCredentials: () => Promise.resolve([]),
      keyPermissions: () => Promise.resolve([]),
    }) as unknown as FlowiseClient;
  const deps: OverviewDeps = {
    clients: {
      all: () => records,
      record: (id) => records.find((r) => r.id === id) ?? records[0] ?? record(0),
      client,
    },
    known: {
      observe: () => Promise.resolve(new Map()),
      byInstance: () => new Map(),
    } as unknown as OverviewDeps['known'],
    publicFlows: { forInstance: () => [] } as unknown as OverviewDeps['publicFlows'],
    journals: { all: () => [] } as unknown as OverviewDeps['journals'],
    audit: {
      list: () => ({ records: [], total: 0 }),
    } as unknown as OverviewDeps['audit'],
    settings: () => DEFAULT_SETTINGS,
    clock,
    events,
    logger: new MemoryLogger(),
    ...(concurrency === undefined ? {} : { concurrency }),
  };
  const progress = (): OverviewProgress[] =>
    events.events
      .filter((e) => e.event === 'overview.progress')
      .map((e) => e.payload as OverviewProgress);
  const open = (n: number): void => {
    gates.get(record(n).id)?.open();
  };
  return { deps, started, clock, progress, gates, open };
}

/** Lets every settled promise's callbacks run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
};

describe('overview report computation', () => {
  it('fetches at most `concurrency` instances at once, starting the next as one finishes', async () => {
    const records = [1, 2, 3, 4, 5].map((n) => record(n));
    const h = harness(records, 2);
    const report = computeReport(h.deps);
    await settle();
    expect(h.started).toEqual([records[0]?.id, records[1]?.id]);
    h.open(2);
    await settle();
    expect(h.started).toHaveLength(3);
    for (const n of [1, 3, 4, 5]) h.open(n);
    const done = await report;
    expect(done.instances.map((i) => i.state)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('fetches sixteen instances at once unless told otherwise, the next when one finishes', async () => {
    const records = Array.from({ length: 17 }, (_, i) => record(i + 1));
    const h = harness(records);
    const report = computeReport(h.deps);
    await settle();
    expect(h.started).toEqual(records.slice(0, 16).map((r) => r.id));
    h.open(5);
    await settle();
    expect(h.started).toHaveLength(17);
    for (let n = 1; n <= 17; n += 1) if (n !== 5) h.open(n);
    expect((await report).instances).toHaveLength(17);
  });

  it('sends each instance as it arrives, in arrival order, with the count done', async () => {
    const records = [1, 2, 3].map((n) => record(n));
    const h = harness(records, 4);
    const report = computeReport(h.deps);
    h.open(3);
    await settle();
    expect(h.progress().map((p) => [p.instance.name, p.done, p.total])).toEqual([
      ['server 3', 1, 3],
    ]);
    h.open(1);
    h.open(2);
    const done = await report;
    expect(h.progress().map((p) => p.instance.name)).toEqual(['server 3', 'server 1', 'server 2']);
    expect(done.instances.map((i) => i.name)).toEqual(['server 1', 'server 2', 'server 3']);
    expect(h.progress().every((p) => p.generatedAt === done.generatedAt)).toBe(true);
  });

  it('cuts a slow server off at its own timeout while the others complete', async () => {
    const records = [record(1, 5_000), record(2)];
    const h = harness(records, 4);
    const report = computeReport(h.deps);
    h.open(2);
    await settle();
    expect(h.progress().map((p) => p.instance.name)).toEqual(['server 2']);
    h.clock.advance(4_999);
    await settle();
    expect(h.progress()).toHaveLength(1);
    h.clock.advance(1);
    const done = await report;
    expect(done.instances.map((i) => [i.name, i.state, i.error?.code])).toEqual([
      ['server 1', 'unreachable', 'timeout'],
      ['server 2', 'ok', undefined],
    ]);
    expect(done.findings.map((f) => f.rule)).toEqual(['instance-unreachable']);
  });

  it('tells a refused admin key (401) from a server that cannot be reached', async () => {
    const records = [record(1), record(2)];
    const h = harness(records, 4);
    const report = computeReport(h.deps);
    h.gates.get(record(1).id)?.fail(new AppError('unauthorized', 'The server refused the key.'));
    h.gates.get(record(2).id)?.fail(new AppError('network', 'server 2 could not be reached.'));
    const done = await report;
    expect(done.instances.map((i) => i.state)).toEqual(['unauthorised', 'unreachable']);
  });
});
