// The key the vault manages an instance with is not deleted through the Keys page: that would cut
// the app off from the server. Rotating the admin key is the way to replace it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture;

beforeEach(async () => {
  f = await startCoreWithFlowise();
});
afterEach(async () => {
  await f.close();
});

describe("the vault's own admin key", () => {
  it('is never deleted from the Keys page: the refusal names the instance and offers rotation', async () => {
    const { api, instanceId } = f;
    const admin = (await api.keys.list({ instanceId })).keys.find((k) => k.keyName === 'admin');
    expect(admin).toBeDefined();
    const keyId = admin?.id ?? '';
    await expect(
      api.keys.delete({ instanceId, keyId, confirmName: 'admin' }),
    ).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringMatching(/admin key .*Rotate/s),
    });
    const after = await api.keys.list({ instanceId });
    expect(after.keys.map((k) => k.id)).toContain(keyId);
    expect((await api.instances.test(instanceId)).ok).toBe(true);
  });

  it('is refused through a second profile of the same server too', async () => {
    const { api, instanceId, flowise } = f;
    const other = flowise.addKey('second-admin');
    const { id: second } = await api.instances.add({
      name: 'second',
      baseUrl: flowise.url,
      adminKey: other.apiKey,
    });
    const admin = (await api.keys.list({ instanceId: second })).keys.find(
      (k) => k.keyName === 'admin',
    );
    await expect(
      api.keys.delete({ instanceId: second, keyId: admin?.id ?? '', confirmName: 'admin' }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    expect((await api.instances.test(instanceId)).ok).toBe(true);
  });
});
