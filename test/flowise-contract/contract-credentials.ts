// The contract, part 4: credentials (secrets never come back; PUT merges) and credential types.
import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import { CREDENTIAL_PLACEHOLDER } from '../../main/core/flowise/credentials-api.js';
import { versionAtLeast } from '../../main/core/flowise/generation.js';
import type { ContractContext } from './contract-context.js';
import { expectFailure } from './contract-helpers.js';

export function credentialsContract(ctx: () => ContractContext): void {
  it('lists credential types covering every input type the app renders (url from 3.1.3)', async () => {
    const { client, secrets } = ctx();
    const types = await client.listCredentialTypes();
    const openAI = types.find((t) => t.name === 'openAIApi');
    expect(openAI?.inputs).toEqual([
      expect.objectContaining({ name: 'openAIApiKey', type: 'password' }),
    ]);
    const inputTypes = new Set(types.flatMap((t) => t.inputs.map((i) => i.type)));
    for (const type of ['password', 'string', 'options', 'boolean', 'number'])
      expect(inputTypes).toContain(type);
    // 3.1.3 retyped some secret fields as `url`; before that they were plain strings.
    expect(inputTypes.has('url')).toBe(versionAtLeast(ctx().target.version, [3, 1, 3]));
    const redis = await client.getCredentialType('redisCacheApi');
    expect(redis.inputs.map((i) => i.type)).toEqual([
      'string',
      'number',
      'string',
      'password',
      'boolean',
    ]);
    await expectFailure(client.getCredentialType('doesNotExist'), 'not_found', secrets);
  });

  it('creates, reads, merges and deletes a credential without ever reading a secret back', async () => {
    const { client, cleanup, name, secrets } = ctx();
    const credentialName = name('redis');
    const created = await client.createCredential({
      name: credentialName,
      credentialName: 'redisCacheApi',
      plainDataObj: {
        redisCacheHost: 'h1',
        redisCachePort: 6379,
        redisCacheUser: 'u1',
        redisCachePwd: 'pw-1',
      },
    });
    cleanup.add(() => client.deleteCredential(created.id));
    expect(created).toMatchObject({ name: credentialName, credentialName: 'redisCacheApi' });
    expect(created).not.toHaveProperty('encryptedData');
    expect((await client.listCredentials()).map((c) => c.id)).toContain(created.id);

    const detail = await client.getCredential(created.id);
    expect(detail.plainDataObj).toEqual({
      redisCacheHost: 'h1',
      redisCachePort: 6379,
      redisCacheUser: 'u1',
      redisCachePwd: CREDENTIAL_PLACEHOLDER,
    });
    // Sending the whole form back: the placeholder is dropped, the rest merges over what is stored.
    await client.updateCredential(created.id, {
      plainDataObj: { ...detail.plainDataObj, redisCacheHost: 'h2' },
    });
    await client.updateCredential(created.id, { name: `${credentialName}-renamed` });
    const merged = await client.getCredential(created.id);
    expect(merged).toMatchObject({
      name: `${credentialName}-renamed`,
      credentialName: 'redisCacheApi',
    });
    expect(merged.plainDataObj).toMatchObject({ redisCacheHost: 'h2', redisCacheUser: 'u1' });
    expect(merged.plainDataObj.redisCachePwd).toBe(CREDENTIAL_PLACEHOLDER);

    await client.deleteCredential(created.id);
    await expectFailure(client.deleteCredential(created.id), 'not_found', secrets);
    await expectFailure(client.getCredential(created.id), 'not_found', secrets);
  });

  it('masks the password part of url fields from 3.1.3; older servers show them as stored', async () => {
    const { client, cleanup, name, target } = ctx();
    const created = await client.createCredential({
      name: name('pg'),
      credentialName: 'PostgresUrl',
      plainDataObj: { postgresUrl: 'postgresql://app:pg-secret@db.internal:5432/app' },
    });
    cleanup.add(() => client.deleteCredential(created.id));
    const detail = await client.getCredential(created.id);
    expect(detail.plainDataObj.postgresUrl).toBe(
      versionAtLeast(target.version, [3, 1, 3])
        ? 'postgresql://app:••••••@db.internal:5432/app'
        : 'postgresql://app:pg-secret@db.internal:5432/app',
    );
  });

  it('keeps a chosen credential id from 3.0.5 (earlier servers make their own), replaces a credential whole on a POST with its id, and reveals only urls (3.1.3+)', async () => {
    const { client, cleanup, name, target } = ctx();
    const id = randomUUID();
    const created = await client.createCredential({
      id,
      name: name('pg-id'),
      credentialName: 'PostgresUrl',
      plainDataObj: { postgresUrl: 'postgresql://app:pg-secret@db.internal:5432/app' },
    });
    cleanup.add(() => client.deleteCredential(created.id));
    if (!versionAtLeast(target.version, [3, 0, 5])) {
      expect(created.id).not.toBe(id);
      return;
    }
    expect(created.id).toBe(id);
    if (versionAtLeast(target.version, [3, 1, 3]))
      expect(await client.revealCredential(id)).toEqual({
        postgresUrl: 'postgresql://app:pg-secret@db.internal:5432/app',
      });
    // TypeORM's save() on an existing id updates it: name, type and every field are replaced.
    await client.createCredential({
      id,
      name: name('replaced'),
      credentialName: 'openAIApi',
      plainDataObj: { openAIApiKey: 'sk-replacing' },
    });
    const rows = (await client.listCredentials()).filter((c) => c.id === id);
    expect(rows).toEqual([
      expect.objectContaining({ name: name('replaced'), credentialName: 'openAIApi' }),
    ]);
    expect((await client.getCredential(id)).plainDataObj).toEqual({
      openAIApiKey: CREDENTIAL_PLACEHOLDER,
    });
    if (versionAtLeast(target.version, [3, 1, 3]))
      expect(await client.revealCredential(id)).toEqual({ openAIApiKey: CREDENTIAL_PLACEHOLDER });
  });

  it('reports unknown credentials as not found', async () => {
    const { client, secrets } = ctx();
    const id = randomUUID();
    const error = await expectFailure(client.getCredential(id), 'not_found', secrets);
    expect(error.message).toBe(`Credential ${id} was not found on ${client.host}.`);
    await expectFailure(
      client.updateCredential(id, { name: 'x', credentialName: 'openAIApi' }),
      'not_found',
      secrets,
    );
    await expectFailure(client.deleteCredential(id), 'not_found', secrets);
  });
}
