import { describe, expect, it } from 'vitest';

import { CREDENTIAL_PLACEHOLDER, isRedactedValue } from './credentials-api.js';
import { createFlowiseClient } from './flowise-client.js';
import { json, ScriptedHttp } from './testing/scripted-http.js';

const clientOf = (http: ScriptedHttp) =>
  createFlowiseClient({
    http,
    baseUrl: 'http://127.0.0.1:3000',
    apiKey: 'k'.repeat(43),
    timeoutMs: 1000,
  });

const stored = {
  id: 'c1',
  name: 'Redis',
  credentialName: 'redisCacheApi',
  createdDate: '2026-11-22T10:00:00.000Z',
  updatedDate: '2026-11-22T10:00:00.000Z',
  workspaceId: 'ws-1',
};

describe('credentials', () => {
  it('recognises the placeholder and masked urls', () => {
    expect(isRedactedValue(CREDENTIAL_PLACEHOLDER)).toBe(true);
    expect(isRedactedValue('postgresql://user:••••••@localhost/db')).toBe(true);
    expect(isRedactedValue('postgresql://user:pw@localhost/db')).toBe(false);
    expect(isRedactedValue(6379)).toBe(false);
  });

  it('never sends a placeholder or a masked value back on update', async () => {
    const http = new ScriptedHttp().on(
      'PUT',
      '/api/v1/credentials/c1',
      json(200, { ...stored, encryptedData: 'U2FsdGVkX1abc' }),
    );
    const row = await clientOf(http).updateCredential('c1', {
      name: 'Redis',
      credentialName: 'redisCacheApi',
      plainDataObj: {
        redisCacheHost: 'h2',
        redisCachePwd: CREDENTIAL_PLACEHOLDER,
        url: 'redis://u:••••••@h',
      },
    });
    expect(row).not.toHaveProperty('encryptedData');
    expect(JSON.parse(http.requests[0]?.body ?? '')).toEqual({
      name: 'Redis',
      credentialName: 'redisCacheApi',
      plainDataObj: { redisCacheHost: 'h2' },
    });
  });

  it('sends no field set at all when only redacted values came back', async () => {
    const http = new ScriptedHttp()
      .on('GET', '/api/v1/credentials/c1', json(200, { ...stored, plainDataObj: {} }))
      .on('PUT', '/api/v1/credentials/c1', json(200, { ...stored, name: 'Renamed' }));
    await clientOf(http).updateCredential('c1', {
      name: 'Renamed',
      plainDataObj: { redisCachePwd: CREDENTIAL_PLACEHOLDER },
    });
    expect(JSON.parse(http.requests[1]?.body ?? '')).toEqual({
      name: 'Renamed',
      credentialName: 'redisCacheApi',
    });
  });

  it('refuses to create a credential holding a placeholder', async () => {
    const http = new ScriptedHttp();
    await expect(
      clientOf(http).createCredential({
        name: 'x',
        credentialName: 'openAIApi',
        plainDataObj: { openAIApiKey: CREDENTIAL_PLACEHOLDER },
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('openAIApiKey'),
    });
    expect(http.requests).toHaveLength(0);
  });

  it('reads not-found in all the shapes Flowise uses', async () => {
    const http = new ScriptedHttp()
      .on(
        'GET',
        '/api/v1/credentials/c9',
        json(500, {
          message: 'Error: credentialsService.createCredential - Credential c9 not found',
        }),
      )
      .on('PUT', '/api/v1/credentials/c9', json(500, { message: 'Credential c9 not found' }))
      .on('DELETE', '/api/v1/credentials/c9', json(200, { raw: [], affected: 0 }))
      .on(
        'GET',
        '/api/v1/components-credentials/nope',
        json(500, { message: 'Credential nope not found' }),
      );
    const client = clientOf(http);
    await expect(client.getCredential('c9')).rejects.toMatchObject({
      code: 'not_found',
      message: 'Credential c9 was not found on 127.0.0.1:3000.',
    });
    await expect(
      client.updateCredential('c9', { name: 'a', credentialName: 'b' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(client.deleteCredential('c9')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.getCredentialType('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.getCredentialType('a&b')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('returns details with the placeholder as the server sent it', async () => {
    const http = new ScriptedHttp().on(
      'GET',
      '/api/v1/credentials/c1',
      json(200, {
        ...stored,
        plainDataObj: { redisCacheHost: 'h', redisCachePwd: CREDENTIAL_PLACEHOLDER },
      }),
    );
    const detail = await clientOf(http).getCredential('c1');
    expect(detail.plainDataObj.redisCachePwd).toBe(CREDENTIAL_PLACEHOLDER);
  });
});
