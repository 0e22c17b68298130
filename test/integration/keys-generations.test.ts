// Creating and editing keys on servers whose keys carry no permissions (before 3.0.13): the
// permission rule follows the server's generation instead of 3.0.13's.
import { afterEach, describe, expect, it } from 'vitest';

import type { FakeGeneration } from '../fakes/fake-flowise.js';
import type { CoreFixture } from './core-fixture.js';
import { startCoreWithFlowise } from './core-fixture.js';

let f: CoreFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const OLDER: FakeGeneration[] = ['3.0.1-3.0.12', '2.0.6-3.0.0'];

describe.each(OLDER)('keys on a %s server', (generation) => {
  it('creates a key with no permissions chosen, since every key there has full access', async () => {
    f = await startCoreWithFlowise({ generation });
    const { api, instanceId } = f;
    const catalog = await api.keys.permissions({ instanceId });
    expect(catalog.supported).toBe(false);
    const created = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    expect(created.key.keyName).toBe('deploy');
    const list = await api.keys.list({ instanceId });
    expect(list.keys.map((k) => k.keyName)).toContain('deploy');
  });

  it('refuses permissions the server cannot honour, saying why', async () => {
    f = await startCoreWithFlowise({ generation });
    const { api, instanceId } = f;
    await expect(
      api.keys.create({ instanceId, keyName: 'deploy', permissions: ['chatflows:view'] }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/older than 3\.0\.13.*full access/s),
    });
  });

  it('renames a key without asking for permissions', async () => {
    f = await startCoreWithFlowise({ generation });
    const { api, instanceId } = f;
    const created = await api.keys.create({ instanceId, keyName: 'deploy', permissions: [] });
    const renamed = await api.keys.update({
      instanceId,
      keyId: created.key.id,
      keyName: 'deploy-2',
    });
    expect(renamed.keyName).toBe('deploy-2');
  });
});
