// The cutover window of a rotation whose key is bound to 200 flows on a real Flowise: the engine's
// first-to-last rebind (bounded concurrency), against rebinding the same flows one after the other
// with the same client, measured in the same run on the same server.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { directReplyFlow } from '../fakes/fake-flowise-state.js';
import { startFlowise } from '../flowise/flowise-server.js';
import { startRotationCore } from '../integration/rotation-fixture.js';
import type { BenchRow } from './bench-row.js';

const FLOWS = 200;

export async function runRotationCutoverBench(): Promise<BenchRow[]> {
  const flowise = await startFlowise();
  const client = createFlowiseClient({
    http: createNodeHttp(),
    baseUrl: flowise.url,
    apiKey: flowise.apiKey,
    timeoutMs: 30_000,
  });
  const core = await startRotationCore({
    url: flowise.url,
    adminKey: flowise.apiKey,
    timeoutMs: 30_000,
  });
  try {
    const tag = `fkv-bench-cutover-${randomUUID().slice(0, 8)}`;
    const reference = await client.createKey({
      keyName: `${tag}-seq`,
      permissions: ['chatflows:view'],
    });
    const old = await client.createKey({ keyName: `${tag}-old`, permissions: ['chatflows:view'] });
    process.stdout.write(`  creating ${String(FLOWS)} agentflows…\n`);
    const flowData = directReplyFlow('pong-from-flowise');
    const ids: string[] = [];
    for (let i = 0; i < FLOWS; i += 1) {
      const response = await fetch(`${flowise.url}/api/v1/chatflows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${flowise.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${tag}-${String(i)}`, type: 'AGENTFLOW', flowData }),
      });
      if (!response.ok)
        throw new Error(`creating flow ${String(i)} answered ${String(response.status)}`);
      ids.push(((await response.json()) as { id: string }).id);
    }

    const t0 = performance.now();
    for (const id of ids) await client.setChatflowKey(id, reference.id);
    const sequentialMs = performance.now() - t0;
    for (const id of ids) await client.setChatflowKey(id, old.id);

    const started = await core.api.rotation.start({ instanceId: core.instanceId, keyId: old.id });
    if (started.status !== 'waiting' || started.cutoverMs === undefined)
      throw new Error(`the rotation stopped at ${started.reached} (${started.status})`);
    await core.api.rotation.revoke({ rotationId: started.id });
    const cutoverMs = started.cutoverMs;
    const note = `${String(FLOWS)} flows; Flowise checks the key with scrypt on every request`;
    return [
      {
        name: `rotation cutover window, ${String(FLOWS)} flows (vs one by one)`,
        ours: cutoverMs,
        reference: sequentialMs,
        ratio: sequentialMs / cutoverMs,
        unit: 'ms',
        target: '≥ 3x',
        pass: sequentialMs / cutoverMs >= 3,
        note,
      },
      {
        name: `rotation cutover window, ${String(FLOWS)} flows (absolute)`,
        ours: cutoverMs,
        reference: 1000,
        ratio: cutoverMs / 1000,
        unit: 'ms',
        target: '≤ 1000 ms',
        pass: cutoverMs <= 1000,
        note,
      },
    ];
  } finally {
    await core.close();
    await flowise.stop();
  }
}
