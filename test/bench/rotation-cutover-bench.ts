// The cutover of a rotation whose key is bound to 200 flows: the engine's whole rebind step, from
// the replacement's existence check (replacement-check.ts) to the last flow moved, timed by the
// engine's own checkpoints around the step.
// - On a real Flowise every request with an API key runs the server's scrypt key check on its one
//   Node thread, so 200 rebinds cannot take less than 200 authenticated PUTs one after another.
//   That floor is 200 × the median of one PUT, sampled on the same server just before and just
//   after the rotation.
// - Against the fake Flowise with 5 ms added to every answer, the server costs nothing and the
//   client's own concurrency shows: compared with rebinding the same flows one after the other
//   (after the same existence check) with the same client. It runs twice: as is, and with a no-op
//   delivery target on the key (a command that does nothing, confirmed at once), to show that
//   delivery targets cost the rotation nothing on the way to its targets.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { FlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { directReplyFlow } from '../fakes/fake-flowise-state.js';
import { startFlowise } from '../flowise/flowise-server.js';
import { targetFromEnv } from '../flowise/flowise-target.js';
import type { CommandPort, CommandConfirmPort } from '../../main/core/ports.js';
import { MemoryTargetFiles } from '../../main/core/delivery/testing/memory-target-files.js';
import { PASSWORD } from '../integration/core-fixture.js';
import type { DeliveryTestPorts, RotationCore } from '../integration/rotation-fixture.js';
import { startRotationCore } from '../integration/rotation-fixture.js';
import type { BenchRow } from './bench-row.js';

const FLOWS = 200;
const FLOOR_SAMPLES = 41;
const FAKE_LATENCY_MS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The shared server named by FKV_FLOWISE_* when there is one, else a fresh one for this run. */
async function realServer(): Promise<{ url: string; apiKey: string; stop: () => Promise<void> }> {
  const shared = targetFromEnv();
  if (shared !== undefined) return { ...shared, stop: () => Promise.resolve() };
  const started = await startFlowise();
  return { url: started.url, apiKey: started.apiKey, stop: () => started.stop() };
}

/** Times the engine's rebind step: from the checkpoint before it (the existence check comes
 * first inside it) to the one after its last flow. */
async function timedRotation(core: RotationCore, keyId: string) {
  let from = 0;
  let to = 0;
  core.when('stash:done', () => {
    from = performance.now();
  });
  core.when('rebind:done', () => {
    to = performance.now();
  });
  const started = await core.api.rotation.start({ instanceId: core.instanceId, keyId });
  if (started.status !== 'waiting' || to === 0)
    throw new Error(`the rotation stopped at ${started.reached} (${started.status})`);
  return { started, stepMs: to - from };
}

async function createFlows(url: string, apiKey: string, tag: string): Promise<string[]> {
  const flowData = directReplyFlow('pong-from-flowise');
  const ids: string[] = [];
  for (let i = 0; i < FLOWS; i += 1) {
    const response = await fetch(`${url}/api/v1/chatflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `${tag}-${String(i)}`, type: 'AGENTFLOW', flowData }),
    });
    if (!response.ok)
      throw new Error(`creating flow ${String(i)} answered ${String(response.status)}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

async function cleanUp(client: FlowiseClient, url: string, apiKey: string, tag: string) {
  for (const flow of await client.listChatflows())
    if (flow.name.startsWith(tag))
      await fetch(`${url}/api/v1/chatflows/${flow.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${apiKey}` },
      });
  for (const key of await client.listKeys())
    if (key.keyName.startsWith(tag)) await client.deleteKey(key.id);
}

async function realServerRow(): Promise<BenchRow> {
  const server = await realServer();
  const client = createFlowiseClient({
    http: createNodeHttp(),
    baseUrl: server.url,
    apiKey: server.apiKey,
    timeoutMs: 30_000,
  });
  const core = await startRotationCore({
    url: server.url,
    adminKey: server.apiKey,
    timeoutMs: 30_000,
  });
  const tag = `fkv-bench-cutover-${randomUUID().slice(0, 8)}`;
  try {
    const old = await client.createKey({ keyName: `${tag}-old`, permissions: ['chatflows:view'] });
    process.stdout.write(`  creating ${String(FLOWS)} agentflows on ${server.url}…\n`);
    const ids = await createFlows(server.url, server.apiKey, tag);
    for (const id of ids) await client.setChatflowKey(id, old.id);

    // The floor: one authenticated PUT at a time, the same request a rebind makes, each on a
    // flow of its own as the rebinds are. Half the samples come before the rotation and half
    // after it, so the floor sees the same server (its tables, its load) as the rotation does.
    const samples: number[] = [];
    let next = 0;
    const sample = async (count: number, keyId: string) => {
      for (let i = 0; i < count; i += 1) {
        const flowId = ids[next++ % ids.length];
        if (flowId === undefined) throw new Error('no flow');
        const t0 = performance.now();
        await client.setChatflowKey(flowId, keyId);
        samples.push(performance.now() - t0);
      }
    };
    await sample(Math.ceil(FLOOR_SAMPLES / 2), old.id);
    const { started, stepMs } = await timedRotation(core, old.id);
    const newKeyId = started.newKey?.id;
    if (newKeyId === undefined) throw new Error('the rotation made no new key');
    await sample(Math.floor(FLOOR_SAMPLES / 2), newKeyId);
    const putMs = median(samples);
    const floorMs = FLOWS * putMs;
    await core.api.rotation.revoke({ rotationId: started.id });
    return {
      name: `rotation cutover on real Flowise, ${String(FLOWS)} flows (vs ${String(FLOWS)} × one PUT)`,
      ours: stepMs,
      reference: floorMs,
      ratio: stepMs / floorMs,
      unit: 'ms',
      target: '≤ 1.10x',
      pass: stepMs / floorMs <= 1.1,
      note: `one authenticated PUT: median ${putMs.toFixed(1)} ms of ${String(FLOOR_SAMPLES)}; engine's step ${String(started.cutoverMs ?? '?')} ms without its existence check and flow read`,
    };
  } finally {
    await core.close();
    await cleanUp(client, server.url, server.apiKey, tag).catch((error: unknown) => {
      process.stderr.write(`  cleanup failed: ${String(error)}\n`);
    });
    await server.stop();
  }
}

/** A command that does nothing and succeeds at once, allowed without asking. */
const noopCommands: CommandPort = {
  cwd: '/',
  run: () =>
    Promise.resolve({
      exitCodes: [0],
      startErrors: [null],
      timedOut: false,
      stdout: '',
      stderr: '',
    }),
};
const allowEveryRun: CommandConfirmPort = { confirm: () => Promise.resolve(true) };
const NOOP_PORTS: DeliveryTestPorts = {
  targetFiles: new MemoryTargetFiles(),
  commands: noopCommands,
  confirmCommand: allowEveryRun,
};

async function addNoopTarget(core: RotationCore, keyId: string): Promise<void> {
  await core.api.delivery.add({
    instanceId: core.instanceId,
    keyId,
    password: PASSWORD,
    draft: {
      label: 'no-op',
      target: {
        kind: 'command',
        run: {
          steps: [{ executable: 'noop', args: [] }],
          key: { via: 'stdin' },
          timeoutSeconds: 5,
        },
        idempotent: true,
      },
    },
  });
}

async function fakeRows(withNoopTarget: boolean): Promise<BenchRow[]> {
  const flowise = await startFakeFlowise();
  const core = await startRotationCore(
    { url: flowise.url, adminKey: flowise.adminKey },
    () => flowise.close(),
    undefined,
    withNoopTarget ? NOOP_PORTS : {},
  );
  const label = withNoopTarget ? ' with a no-op delivery target' : '';
  try {
    const client = createFlowiseClient({
      http: createNodeHttp(),
      baseUrl: flowise.url,
      apiKey: flowise.adminKey,
      timeoutMs: 30_000,
    });
    const old = flowise.addKey('bench-old', ['chatflows:view']);
    const reference = flowise.addKey('bench-reference', ['chatflows:view']);
    const ids = Array.from(
      { length: FLOWS },
      (_, i) => flowise.addChatflow(`bench-${String(i)}`, { apikeyid: old.id }).id,
    );
    if (withNoopTarget) await addNoopTarget(core, old.id);
    flowise.fault({ path: /.*/, latencyMs: FAKE_LATENCY_MS });

    // One after the other, after the same existence check the engine makes.
    const t0 = performance.now();
    if (!(await client.listKeys()).some((k) => k.id === reference.id))
      throw new Error('no reference key');
    for (const id of ids) await client.setChatflowKey(id, reference.id);
    const sequentialMs = performance.now() - t0;
    for (const id of ids) await client.setChatflowKey(id, old.id);

    const { started, stepMs } = await timedRotation(core, old.id);
    const delivered = started.deliveries?.map((d) => d.state).join(', ');
    if (withNoopTarget && delivered !== 'delivered')
      throw new Error(`the no-op target was not delivered (${delivered ?? 'no delivery'})`);
    const note = `fake Flowise, ${String(FAKE_LATENCY_MS)} ms added to every answer; rebind step with its existence check; ${String(core.maxPutsInFlight())} PUTs in flight at most${withNoopTarget ? '; the no-op target delivered' : ''}`;
    return [
      {
        name: `rotation cutover on the fake, ${String(FLOWS)} flows${label} (vs one by one)`,
        ours: stepMs,
        reference: sequentialMs,
        ratio: sequentialMs / stepMs,
        unit: 'ms',
        target: '≥ 3x',
        pass: sequentialMs / stepMs >= 3,
        note,
      },
      {
        name: `rotation cutover on the fake, ${String(FLOWS)} flows${label} (absolute)`,
        ours: stepMs,
        reference: 1000,
        ratio: stepMs / 1000,
        unit: 'ms',
        target: '< 1000 ms',
        pass: stepMs < 1000,
        note,
      },
    ];
  } finally {
    await core.close();
  }
}

export async function runRotationCutoverBench(): Promise<BenchRow[]> {
  return [await realServerRow(), ...(await fakeRows(false)), ...(await fakeRows(true))];
}
