// The contract, part 1: what the server says about itself, describe(), and wrong addresses or keys.
import { expect, it } from 'vitest';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import type { ContractContext } from './contract-context.js';
import { randomKey } from './contract-context.js';
import { expectFailure } from './contract-helpers.js';

export function serverContract(ctx: () => ContractContext, generation: FlowiseGeneration): void {
  it('answers ping and version, and its line', async () => {
    const { client, target } = ctx();
    await expect(client.ping()).resolves.toBeUndefined();
    expect(await client.version()).toBe(target.version);
    expect(await client.generation()).toBe(generation);
  });

  if (generation === '2.0.6-3.0.0')
    it('has no /settings on 2.x: the web page answers', async () => {
      const { client, secrets } = ctx();
      await expectFailure(client.platform(), 'not_flowise', secrets);
    });
  else
    it('answers settings with its platform', async () => {
      expect(['open source', 'enterprise', 'cloud']).toContain(await ctx().client.platform());
    });

  it('describes the server and finds the admin key by its value', async () => {
    const { client, target } = ctx();
    const found = await client.describe();
    expect(found.version).toBe(target.version);
    expect(found.generation).toBe(generation);
    expect(found.keyRow?.id).toEqual(expect.any(String));
    if (generation === '2.0.6-3.0.0') expect(found.workspaceId).toBeUndefined();
    else expect(found.workspaceId).toEqual(expect.any(String));
    if (generation === '3.0.13+')
      expect(found.keyRow?.permissions).toEqual(
        expect.arrayContaining(['apikeys:view', 'apikeys:create']),
      );
    else expect(found.keyRow?.permissions).toBeUndefined();
  });

  if (generation === '3.0.13+')
    it('lists the permissions a key may hold, without workspace or admin ones', async () => {
      const groups = await ctx().client.keyPermissions();
      const apikeys = groups.find((g) => g.category === 'apikeys');
      expect(apikeys?.permissions.map((p) => p.key)).toEqual([
        'apikeys:view',
        'apikeys:create',
        'apikeys:update',
        'apikeys:delete',
      ]);
      expect(groups.map((g) => g.category)).not.toContain('workspace');
      const all = groups.flatMap((g) => g.permissions);
      expect(all.every((p) => /^[A-Za-z]+:[A-Za-z-]+$/.test(p.key))).toBe(true);
      expect(all.find((p) => p.key === 'credentials:share')).toMatchObject({
        openSource: false,
        enterprise: true,
      });
    });
  else
    it('has no permission catalog: keys carry no permissions before 3.0.13', async () => {
      const { client, secrets } = ctx();
      await expectFailure(client.keyPermissions(), 'not_flowise', secrets);
    });

  it('says "not a Flowise API" for an address that serves the web page', async () => {
    const c = ctx();
    const wrong = c.clientWith(c.target.apiKey, `${c.target.url}/not-flowise`);
    const error = await expectFailure(wrong.ping(), 'not_flowise', c.secrets);
    expect(error.message).toContain('does not look like a Flowise API');
    await expectFailure(wrong.listKeys(), 'not_flowise', c.secrets);
    await expectFailure(wrong.describe(), 'not_flowise', c.secrets);
  });

  it('says "unauthorized" for a wrong key, without quoting it', async () => {
    const c = ctx();
    const wrongKey = randomKey();
    const wrong = c.clientWith(wrongKey);
    await expectFailure(wrong.listKeys(), 'unauthorized', [...c.secrets, wrongKey]);
    await expectFailure(wrong.listCredentials(), 'unauthorized', [...c.secrets, wrongKey]);
    await expectFailure(wrong.describe(), 'unauthorized', [...c.secrets, wrongKey]);
  });
}
