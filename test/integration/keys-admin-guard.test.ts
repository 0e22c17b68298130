// The key the vault manages an instance with is not deleted through the Keys page: that would cut
// the app off from the server. Rotating the admin key is the way to replace it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';
import { ALL_KEY_PERMISSIONS } from '../fakes/fake-permissions.js';

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

describe('the admin key in the key lists', () => {
  it('is marked "used by this vault" in keys.list and keys.listAll, and no other key is', async () => {
    const { api, instanceId, flowise } = f;
    flowise.addKey('deploy', ['chatflows:view']);
    const listed = await api.keys.list({ instanceId });
    const marked = listed.keys.filter((k) => k.usedByVault === true).map((k) => k.keyName);
    expect(marked).toEqual(['admin']);
    expect(listed.keys.find((k) => k.keyName === 'admin')?.missingForVault).toBeUndefined();
    const all = await api.keys.listAll();
    const everywhere = all.instances.flatMap((i) => i.keys).filter((k) => k.usedByVault === true);
    expect(everywhere.map((k) => k.keyName)).toEqual(['admin']);
    // A flag, never the value: the admin key itself stays in main.
    expect(JSON.stringify([listed, all])).not.toContain(flowise.adminKey);
  });

  it("marks another profile's admin key of the same server too", async () => {
    const { api, instanceId, flowise } = f;
    const other = flowise.addKey('second-admin');
    await api.instances.add({ name: 'second', baseUrl: flowise.url, adminKey: other.apiKey });
    const listed = await api.keys.list({ instanceId });
    const marked = listed.keys.filter((k) => k.usedByVault === true).map((k) => k.keyName);
    expect(marked.sort()).toEqual(['admin', 'second-admin']);
  });

  it('names the permissions the app needs that the admin key lacks, in the list and the test', async () => {
    const { api, flowise } = f;
    const lacking = ['apikeys:delete', 'credentials:view'];
    const limited = flowise.addKey(
      'limited-admin',
      ALL_KEY_PERMISSIONS.filter((p) => !lacking.includes(p)),
    );
    const { id } = await api.instances.add({
      name: 'limited',
      baseUrl: flowise.url,
      adminKey: limited.apiKey,
    });
    const own = (await api.keys.list({ instanceId: id })).keys.find(
      (k) => k.keyName === 'limited-admin',
    );
    expect(own).toMatchObject({ usedByVault: true, missingForVault: lacking });
    const report = await api.instances.test(id);
    expect(report.missingForVault).toEqual(lacking);
    const full = await api.instances.test(f.instanceId);
    expect(full.missingForVault).toBeUndefined();
  });
});

describe('on servers before 3.0.13, where keys carry no permissions', () => {
  it('marks the admin key and finds nothing missing', async () => {
    const old = await startCoreWithFlowise({ generation: '3.0.1-3.0.12' });
    try {
      const admin = (await old.api.keys.list({ instanceId: old.instanceId })).keys.find(
        (k) => k.keyName === 'admin',
      );
      expect(admin?.usedByVault).toBe(true);
      expect(admin?.missingForVault).toBeUndefined();
      expect((await old.api.instances.test(old.instanceId)).missingForVault).toBeUndefined();
    } finally {
      await old.close();
    }
  });
});
