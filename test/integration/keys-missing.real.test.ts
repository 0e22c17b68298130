// test/integration/keys-missing.test.ts on each real Flowise npm test starts: a key the vault
// created (and kept) is deleted behind the app's back with the harness key; the Keys list reports
// it missing with its bound flow. Before 3.0.13 it is re-imported with its exact value and answers
// again (2.x keeps its id; 3.0.x gives a new id and the app moves the flow to it); 3.0.13 and newer
// cannot import a key with a given value, so the list says it cannot be restored there.
import { expect, inject, it } from 'vitest';

import { generationOfVersion } from '../../main/core/flowise/generation.js';
import type { RotationCore } from './rotation-fixture.js';
import { realRotationSuite } from './real-rotation-suite.js';

const flowise = inject('flowise');
const generation = generationOfVersion(flowise.version);
let f: RotationCore;
const { rest, unique, cleanups } = realRotationSuite((core) => {
  f = core;
});

/** A key made through the app (so the vault holds its value), bound to a flow, then deleted over
 * REST without the app knowing; returns it, its value and the flow once the list reports it. */
async function loseBoundKey() {
  const { instanceId, api } = f;
  const keyName = unique('lost');
  const permissions = generation === '3.0.13+' ? ['chatflows:view'] : [];
  const { key } = await api.keys.create({ instanceId, keyName, permissions });
  cleanups.push(() => rest.send('DELETE', `/apikey/${key.id}`));
  const value = (await rest.listKeys()).find((k) => k.id === key.id)?.apiKey ?? '';
  expect(value).not.toBe('');
  const flowName = unique('flow');
  const flow = await rest.createFlow(flowName);
  cleanups.push(() => rest.send('DELETE', `/chatflows/${flow.id}`));
  await rest.bindFlow(flow.id, key.id);
  expect((await api.keys.list({ instanceId })).missing ?? []).toEqual([]);

  await rest.call('DELETE', `/apikey/${key.id}`);
  expect((await rest.send('GET', '/chatflows', undefined, value)).status).toBe(401);
  const list = await api.keys.list({ instanceId });
  expect(list.keys.map((k) => k.id)).not.toContain(key.id);
  const missing = list.missing?.find((m) => m.id === key.id);
  expect(missing).toMatchObject({ keyName, fingerprint: key.fingerprint });
  expect(missing?.boundFlows.map((b) => b.name)).toEqual([flowName]);
  return { key, keyName, value, flow, missing };
}

if (generation === '3.0.13+') {
  it(
    `says a key deleted behind the app cannot be restored there (Flowise ${flowise.version})`,
    { timeout: 60_000 },
    async () => {
      const { key, missing } = await loseBoundKey();
      expect(missing).toMatchObject({ restorable: false });
      expect(missing?.restoreNote).toMatch(/3\.0\.13.*cannot import/);
      await expect(
        f.api.keys.reimport({ instanceId: f.instanceId, keyId: key.id }),
      ).rejects.toMatchObject({ code: 'precondition_failed' });
      expect((await rest.listKeys()).some((k) => k.keyName === key.keyName)).toBe(false);
    },
  );
} else {
  const keepsId = generation === '2.0.6-3.0.0';
  it(
    `re-imports a key deleted behind the app with its exact value${keepsId ? ' and id' : ', moving its flow to the new id'} (Flowise ${flowise.version})`,
    { timeout: 60_000 },
    async () => {
      const { instanceId, api } = f;
      const { key, keyName, value, flow, missing } = await loseBoundKey();
      expect(missing).toMatchObject({ restorable: true });

      const restored = await api.keys.reimport({ instanceId, keyId: key.id });
      cleanups.push(() => rest.send('DELETE', `/apikey/${restored.id}`));
      expect(restored).toMatchObject({ keyName, fingerprint: key.fingerprint });
      if (keepsId) expect(restored.id).toBe(key.id);
      const onServer = (await rest.listKeys()).find((k) => k.id === restored.id);
      expect(onServer).toMatchObject({ keyName, apiKey: value });
      expect((await rest.send('GET', '/chatflows', undefined, value)).status).toBe(200);
      const bound = await rest.call<{ apikeyid: string }>('GET', `/chatflows/${flow.id}`);
      expect(bound.apikeyid).toBe(restored.id);
      expect(await rest.predict(flow.id, value)).toBe(200);

      const list = await api.keys.list({ instanceId });
      expect(list.missing?.some((m) => m.keyName === keyName) ?? false).toBe(false);
      expect(list.keys.find((k) => k.id === restored.id)?.boundFlows.map((b) => b.id)).toEqual([
        flow.id,
      ]);
    },
  );
}
