// The contract, part 2: API keys, with Flowise's whole-list answers and silent deletes. Keys carry
// permissions from 3.0.13; before that every key can do what its creator can.
import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import type { ContractContext } from './contract-context.js';
import { KEY_SHAPE, randomKey } from './contract-context.js';
import { expectFailure } from './contract-helpers.js';

export function keysContract(ctx: () => ContractContext, generation: FlowiseGeneration): void {
  const scoped = generation === '3.0.13+';
  // Older lines have no permissions to ask for, nor to show.
  const asked = (permissions: string[]) => (scoped ? { permissions } : {});
  const shown = (permissions: string[]): string[] | undefined => (scoped ? permissions : undefined);

  it('creates, renames, re-scopes and deletes a key, finding it in whole-list answers', async () => {
    const { client, cleanup, name, secrets } = ctx();
    const before = new Set((await client.listKeys()).map((k) => k.id));
    const keyName = name('crud');
    const created = await client.createKey({ keyName, ...asked(['chatflows:view']) });
    cleanup.add(() => client.deleteKey(created.id));
    secrets.push(created.apiKey);
    expect(before.has(created.id)).toBe(false);
    expect(created).toMatchObject({ keyName });
    expect(created.permissions).toEqual(shown(['chatflows:view']));
    expect(created.apiKey).toMatch(KEY_SHAPE);
    // Names are not unique: a second key with the same name is told apart by id.
    const twin = await client.createKey({ keyName, ...asked(['chatflows:view']) });
    cleanup.add(() => client.deleteKey(twin.id));
    secrets.push(twin.apiKey);
    expect(twin.id).not.toBe(created.id);
    const renamed = await client.updateKey(created.id, { keyName: `${keyName}-renamed` });
    expect(renamed).toMatchObject({ id: created.id, apiKey: created.apiKey });
    expect(renamed.permissions).toEqual(shown(['chatflows:view']));
    if (scoped) {
      const rescoped = await client.updateKey(created.id, {
        permissions: ['chatflows:view', 'credentials:view'],
      });
      expect(rescoped).toMatchObject({ keyName: `${keyName}-renamed`, apiKey: created.apiKey });
      expect(rescoped.permissions).toEqual(['chatflows:view', 'credentials:view']);
    }
    await client.deleteKey(created.id);
    expect((await client.listKeys()).map((k) => k.id)).not.toContain(created.id);
    await expectFailure(client.deleteKey(created.id), 'not_found', secrets);
    await expectFailure(client.updateKey(created.id, { keyName: 'x' }), 'not_found', secrets);
    await expectFailure(
      client.updateKey(randomUUID(), { keyName: 'x', ...asked(['chatflows:view']) }),
      'not_found',
      secrets,
    );
  });

  if (scoped) {
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
      const key = await client.createKey({
        keyName: name('scoped'),
        permissions: ['chatflows:view'],
      });
      cleanup.add(() => client.deleteKey(key.id));
      secrets.push(key.apiKey);
      const limited = clientWith(key.apiKey);
      await expect(limited.listChatflows()).resolves.toEqual(expect.any(Array));
      const forbidden = await expectFailure(limited.listKeys(), 'forbidden', secrets);
      expect(forbidden.message).toContain('apikeys:view');
      await expectFailure(limited.listCredentials(), 'forbidden', secrets);
      const found = await limited.describe();
      expect(found.generation).toBe('3.0.13+');
      expect(found.keyRow).toBeUndefined();
      await client.deleteKey(key.id);
      await expectFailure(limited.listChatflows(), 'unauthorized', secrets);
    });
  } else {
    it('refuses permissions it cannot honour, rather than make a full-access key', async () => {
      const { client, name, secrets } = ctx();
      const before = (await client.listKeys()).length;
      const error = await expectFailure(
        client.createKey({ keyName: name('asks'), permissions: ['chatflows:view'] }),
        'bad_request',
        secrets,
      );
      expect(error.message).toContain('older than 3.0.13');
      expect(await client.listKeys()).toHaveLength(before);
    });

    it('gives every new key full access and refuses a deleted key', async () => {
      const { client, clientWith, cleanup, name, secrets } = ctx();
      const key = await client.createKey({ keyName: name('unscoped') });
      cleanup.add(() => client.deleteKey(key.id));
      secrets.push(key.apiKey);
      const other = clientWith(key.apiKey);
      expect((await other.listKeys()).map((k) => k.id)).toContain(key.id);
      await expect(other.listCredentials()).resolves.toEqual(expect.any(Array));
      const found = await other.describe();
      expect(found.generation).toBe(generation);
      expect(found.keyRow?.id).toBe(key.id);
      await client.deleteKey(key.id);
      await expectFailure(other.listChatflows(), 'unauthorized', secrets);
    });
  }

  it('lists keys as one array, never asking for pages (paged answers exist from 3.0.4)', async () => {
    const { client, target } = ctx();
    expect(Array.isArray(await client.listKeys())).toBe(true);
    const paged = (await flowiseRest(target).send('GET', '/apikey?page=1&limit=1')).body;
    if (generation === '2.0.6-3.0.0') expect(Array.isArray(paged)).toBe(true);
    else expect(paged).toMatchObject({ total: expect.any(Number), data: expect.any(Array) });
  });

  if (scoped)
    it('cannot import a key with a given value (3.0.13 removed the route)', async () => {
      const { client, name, secrets } = ctx();
      const value = randomKey();
      const error = await expectFailure(
        client.importKey({ keyName: name('import'), apiKey: value }),
        'precondition_failed',
        [...secrets, value],
      );
      expect(error.message).toContain('2.0.2 to 3.0.12');
    });
  else
    it('imports a key with its exact value, which then opens what it is bound to', async () => {
      const { client, clientWith, cleanup, name, secrets } = ctx();
      const value = randomKey();
      secrets.push(value);
      const keyName = name('import');
      const row = await client.importKey({ keyName, apiKey: value });
      cleanup.add(() => client.deleteKey(row.id));
      expect(row).toMatchObject({ keyName, apiKey: value });
      expect((await client.listKeys()).find((k) => k.id === row.id)?.apiKey).toBe(value);
      expect((await clientWith(value).describe()).keyRow?.id).toBe(row.id);
      // A second import of the same name is refused, never written over.
      await expectFailure(
        client.importKey({ keyName, apiKey: randomKey() }),
        'server_error',
        secrets,
      );
    });
}
