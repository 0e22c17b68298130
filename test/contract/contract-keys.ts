// The contract, part 2: API keys, with Flowise's whole-list answers and silent deletes.
import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { ContractContext } from './contract-context.js';
import { KEY_SHAPE } from './contract-context.js';
import { expectFailure } from './contract-helpers.js';

export function keysContract(ctx: () => ContractContext): void {
  it('creates, renames, re-scopes and deletes a key, finding it in whole-list answers', async () => {
    const { client, cleanup, name, secrets } = ctx();
    const before = new Set((await client.listKeys()).map((k) => k.id));
    const keyName = name('crud');
    const created = await client.createKey({ keyName, permissions: ['chatflows:view'] });
    cleanup.add(() => client.deleteKey(created.id));
    secrets.push(created.apiKey);
    expect(before.has(created.id)).toBe(false);
    expect(created).toMatchObject({ keyName, permissions: ['chatflows:view'] });
    expect(created.apiKey).toMatch(KEY_SHAPE);
    // Names are not unique: a second key with the same name is told apart by id.
    const twin = await client.createKey({ keyName, permissions: ['chatflows:view'] });
    cleanup.add(() => client.deleteKey(twin.id));
    secrets.push(twin.apiKey);
    expect(twin.id).not.toBe(created.id);
    const renamed = await client.updateKey(created.id, { keyName: `${keyName}-renamed` });
    expect(renamed).toMatchObject({
      id: created.id,
      apiKey: created.apiKey,
      permissions: ['chatflows:view'],
    });
    const rescoped = await client.updateKey(created.id, {
      permissions: ['chatflows:view', 'credentials:view'],
    });
    expect(rescoped).toMatchObject({ keyName: `${keyName}-renamed`, apiKey: created.apiKey });
    expect(rescoped.permissions).toEqual(['chatflows:view', 'credentials:view']);
    await client.deleteKey(created.id);
    expect((await client.listKeys()).map((k) => k.id)).not.toContain(created.id);
    await expectFailure(client.deleteKey(created.id), 'not_found', secrets);
    await expectFailure(client.updateKey(created.id, { keyName: 'x' }), 'not_found', secrets);
    await expectFailure(
      client.updateKey(randomUUID(), { keyName: 'x', permissions: ['chatflows:view'] }),
      'not_found',
      secrets,
    );
  });

  it('refuses workspace permissions and keys beyond its own', async () => {
    const { client, name, secrets } = ctx();
    const error = await expectFailure(
      client.createKey({ keyName: name('ws'), permissions: ['workspace:view'] }),
      'bad_request',
      secrets,
    );
    expect(error.message).toContain('workspace or admin permissions');
  });

  it('tells a scoped key which permission it lacks, and refuses a deleted key', async () => {
    const { client, clientWith, cleanup, name, secrets } = ctx();
    const scoped = await client.createKey({
      keyName: name('scoped'),
      permissions: ['chatflows:view'],
    });
    cleanup.add(() => client.deleteKey(scoped.id));
    secrets.push(scoped.apiKey);
    const limited = clientWith(scoped.apiKey);
    await expect(limited.listChatflows()).resolves.toEqual(expect.any(Array));
    const forbidden = await expectFailure(limited.listKeys(), 'forbidden', secrets);
    expect(forbidden.message).toContain('apikeys:view');
    await expectFailure(limited.listCredentials(), 'forbidden', secrets);
    const found = await limited.describe();
    expect(found.generation).toBe('3.0.13+');
    expect(found.keyRow).toBeUndefined();
    await client.deleteKey(scoped.id);
    await expectFailure(limited.listChatflows(), 'unauthorized', secrets);
  });
}
