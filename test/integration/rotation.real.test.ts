// A key bound to 3 model-free flows, rotated through the real core against each real Flowise npm
// test starts (3.1.4, 3.0.12, 2.2.8): the flows answer the new key and refuse the old one, and the
// old key ends with 401. Then an instance's own admin key (a copy of the harness key's rights, so
// the harness keeps its key) is rotated: the vault ends up managing the instance with the new key.
import { expect, inject, it } from 'vitest';

import { fingerprint } from '../../main/core/flowise/mask.js';
import type { RestKey } from '../flowise/flowise-rest.js';
import type { RotationCore } from './rotation-fixture.js';
import { realRotationSuite } from './real-rotation-suite.js';

const flowise = inject('flowise');
let f: RotationCore;
const { rest, unique, cleanups } = realRotationSuite((core) => {
  f = core;
});

it(
  `rotates a key bound to 3 flows end to end (Flowise ${flowise.version})`,
  { timeout: 60_000 },
  async () => {
    const old = await rest.createKey(unique('rotate'));
    cleanups.push(() => rest.send('DELETE', `/apikey/${old.id}`));
    const flows: string[] = [];
    for (const i of [1, 2, 3]) {
      const flow = await rest.createFlow(unique(`flow-${String(i)}`));
      cleanups.push(() => rest.send('DELETE', `/chatflows/${flow.id}`));
      await rest.bindFlow(flow.id, old.id);
      flows.push(flow.id);
    }
    expect(await rest.predict(flows[0] ?? '', old.apiKey)).toBe(200);

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
    cleanups.push(() => rest.send('DELETE', `/apikey/${fresh}`));
    for (const id of flows) {
      expect(await rest.predict(id, value)).toBe(200);
      expect(await rest.predict(id, old.apiKey)).toBe(500);
    }

    const done = await f.api.rotation.revoke({ rotationId: started.id });
    expect(done).toMatchObject({ status: 'done', reached: 'confirm' });
    expect((await rest.send('GET', '/chatflows', undefined, old.apiKey)).status).toBe(401);
    const after = await rest.listKeys();
    expect(after.some((k) => k.id === old.id)).toBe(false);
    expect(after.find((k) => k.id === fresh)?.apiKey).toBe(value);
    for (const id of flows) {
      const flow = await rest.call<{ apikeyid: string }>('GET', `/chatflows/${id}`);
      expect(flow.apikeyid).toBe(fresh);
    }
  },
);

it(
  `rotates an instance's own admin key end to end (Flowise ${flowise.version})`,
  { timeout: 60_000 },
  async () => {
    const harness = (await rest.listKeys()).find((k: RestKey) => k.apiKey === flowise.apiKey);
    const old = await rest.createKey(unique('admin'), harness?.permissions ?? []);
    cleanups.push(() => rest.send('DELETE', `/apikey/${old.id}`));
    const flow = await rest.createFlow(unique('admin-flow'));
    cleanups.push(() => rest.send('DELETE', `/chatflows/${flow.id}`));
    await rest.bindFlow(flow.id, old.id);
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
    cleanups.push(() => rest.send('DELETE', `/apikey/${fresh}`));
    const stored = async () =>
      (await f.api.instances.list()).instances.find((i) => i.id === instanceId)
        ?.adminKeyFingerprint;
    expect(await stored()).toBe(fingerprint(value));

    const done = await f.api.rotation.revoke({ rotationId: started.id });
    expect(done).toMatchObject({ status: 'done', reached: 'confirm' });
    expect((await rest.send('GET', '/chatflows', undefined, old.apiKey)).status).toBe(401);
    // The vault's admin key is the new one, and it still manages the instance.
    expect(await stored()).toBe(fingerprint(value));
    const listed = await f.api.keys.list({ instanceId });
    expect(listed.keys.some((k) => k.id === fresh)).toBe(true);
    expect(listed.keys.some((k) => k.id === old.id)).toBe(false);
    const moved = await rest.call<{ apikeyid: string }>('GET', `/chatflows/${flow.id}`);
    expect(moved.apikeyid).toBe(fresh);
  },
);
