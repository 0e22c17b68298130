// A key bound to 3 Direct Reply agentflows, rotated through the real core against the real
// Flowise 3.1.4: the flows answer the new key and refuse the old one, and the old key ends with 401.
// Then an instance's own admin key (a copy of the harness key's rights, so the harness keeps its
// key) is rotated: the vault ends up managing the instance with the new key.
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, expect, inject, it } from 'vitest';

import { fingerprint } from '../../main/core/flowise/mask.js';
import { directReplyFlow } from '../fakes/fake-flowise-state.js';
import type { RotationCore } from './rotation-fixture.js';
import { startRotationCore } from './rotation-fixture.js';

const flowise = inject('flowise');
const unique = (what: string): string => `fkv-real-${what}-${randomUUID().slice(0, 8)}`;
const cleanups: (() => Promise<unknown>)[] = [];
let f: RotationCore;

async function rest(method: string, path: string, body?: unknown, key = flowise.apiKey) {
  return fetch(`${flowise.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`answered ${String(response.status)}`);
  return (await response.json()) as T;
}

async function predict(flowId: string, key: string): Promise<number> {
  const response = await rest('POST', `/prediction/${flowId}`, { question: 'hello' }, key);
  await response.text();
  return response.status;
}

beforeAll(async () => {
  f = await startRotationCore({ url: flowise.url, adminKey: flowise.apiKey, timeoutMs: 15_000 });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await f.close();
});

it('rotates a key bound to 3 flows end to end', { timeout: 60_000 }, async () => {
  const keyName = unique('rotate');
  const keys = await json<{ id: string; keyName: string; apiKey: string }[]>(
    await rest('POST', '/apikey', { keyName, permissions: ['chatflows:view', 'apikeys:view'] }),
  );
  const old = keys.find((k) => k.keyName === keyName);
  if (old === undefined) throw new Error('the key was not created');
  cleanups.push(() => rest('DELETE', `/apikey/${old.id}`));
  const flows: string[] = [];
  for (const i of [1, 2, 3]) {
    const flow = await json<{ id: string }>(
      await rest('POST', '/chatflows', {
        name: unique(`flow-${String(i)}`),
        type: 'AGENTFLOW',
        flowData: directReplyFlow('pong-from-flowise'),
      }),
    );
    cleanups.push(() => rest('DELETE', `/chatflows/${flow.id}`));
    await json(await rest('PUT', `/chatflows/${flow.id}`, { apikeyid: old.id }));
    flows.push(flow.id);
  }
  expect(await predict(flows[0] ?? '', old.apiKey)).toBe(200);

  const plan = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: old.id });
  expect(plan.flows.map((x) => x.id).sort()).toEqual([...flows].sort());
  const started = await f.api.rotation.start({
    instanceId: f.instanceId,
    keyId: old.id,
    probeFlowIds: [flows[0] ?? ''],
  });
  expect(started).toMatchObject({ status: 'waiting', reached: 'reveal' });
  const { value } = await f.api.keys.reveal({ ticket: started.ticket ?? '' });
  const fresh = started.newKey?.id ?? '';
  cleanups.push(() => rest('DELETE', `/apikey/${fresh}`));
  for (const id of flows) {
    expect(await predict(id, value)).toBe(200);
    expect(await predict(id, old.apiKey)).toBe(500);
  }

  const done = await f.api.rotation.revoke({ rotationId: started.id });
  expect(done).toMatchObject({ status: 'done', reached: 'confirm' });
  expect((await rest('GET', '/chatflows', undefined, old.apiKey)).status).toBe(401);
  const after = await json<{ id: string; apiKey: string }[]>(await rest('GET', '/apikey'));
  expect(after.some((k) => k.id === old.id)).toBe(false);
  expect(after.find((k) => k.id === fresh)?.apiKey).toBe(value);
  for (const id of flows) {
    const flow = await json<{ apikeyid: string }>(await rest('GET', `/chatflows/${id}`));
    expect(flow.apikeyid).toBe(fresh);
  }
});

it("rotates an instance's own admin key end to end", { timeout: 60_000 }, async () => {
  type Row = { id: string; keyName: string; apiKey: string; permissions?: string[] };
  const rows = await json<Row[]>(await rest('GET', '/apikey'));
  const harness = rows.find((k) => k.apiKey === flowise.apiKey);
  const keyName = unique('admin');
  const made = await json<Row[]>(
    await rest('POST', '/apikey', { keyName, permissions: harness?.permissions ?? [] }),
  );
  const old = made.find((k) => k.keyName === keyName);
  if (old === undefined) throw new Error('the key was not created');
  cleanups.push(() => rest('DELETE', `/apikey/${old.id}`));
  const flow = await json<{ id: string }>(
    await rest('POST', '/chatflows', {
      name: unique('admin-flow'),
      type: 'AGENTFLOW',
      flowData: directReplyFlow('pong-from-flowise'),
    }),
  );
  cleanups.push(() => rest('DELETE', `/chatflows/${flow.id}`));
  await json(await rest('PUT', `/chatflows/${flow.id}`, { apikeyid: old.id }));
  const { id: instanceId } = await f.api.instances.add({
    name: 'admin-rotation',
    baseUrl: flowise.url,
    adminKey: old.apiKey,
    timeoutMs: 15_000,
  });

  const plan = await f.api.rotation.plan({ instanceId, keyId: old.id });
  expect(plan.admin).toBe(true);
  const started = await f.api.rotation.start({ instanceId, keyId: old.id });
  expect(started).toMatchObject({ status: 'waiting', reached: 'reveal', admin: true });
  const { value } = await f.api.keys.reveal({ ticket: started.ticket ?? '' });
  const fresh = started.newKey?.id ?? '';
  cleanups.push(() => rest('DELETE', `/apikey/${fresh}`));
  const stored = async () =>
    (await f.api.instances.list()).instances.find((i) => i.id === instanceId)?.adminKeyFingerprint;
  expect(await stored()).toBe(fingerprint(value));

  const done = await f.api.rotation.revoke({ rotationId: started.id });
  expect(done).toMatchObject({ status: 'done', reached: 'confirm' });
  expect((await rest('GET', '/chatflows', undefined, old.apiKey)).status).toBe(401);
  // The vault's admin key is the new one, and it still manages the instance.
  expect(await stored()).toBe(fingerprint(value));
  const listed = await f.api.keys.list({ instanceId });
  expect(listed.keys.some((k) => k.id === fresh)).toBe(true);
  expect(listed.keys.some((k) => k.id === old.id)).toBe(false);
  const moved = await json<{ apikeyid: string }>(await rest('GET', `/chatflows/${flow.id}`));
  expect(moved.apikeyid).toBe(fresh);
});
