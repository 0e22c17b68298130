// Older Flowise lines, mimicked by the fake: the client detects each and handles its differences
// (keys without permissions; DELETE answering with the remaining list; no /settings on 2.x).
import { afterEach, describe, expect, it } from 'vitest';

import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { FakeFlowise, FakeFlowiseOptions } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { expectFailure } from './contract-helpers.js';

const http = createNodeHttp();
let fake: FakeFlowise | undefined;

async function start(options: FakeFlowiseOptions) {
  fake = await startFakeFlowise(options);
  const client = createFlowiseClient({
    http,
    baseUrl: fake.url,
    apiKey: fake.adminKey,
    timeoutMs: 2000,
  });
  return { fake, client, secrets: [fake.adminKey] };
}

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('older Flowise lines', () => {
  it('3.0.1–3.0.12: workspace keys without permissions, DeleteResult on delete', async () => {
    const { client, secrets } = await start({ generation: '3.0.1-3.0.12' });
    const found = await client.describe();
    expect(found).toMatchObject({
      version: '3.0.12',
      generation: '3.0.1-3.0.12',
      platform: 'open source',
    });
    expect(found.keyRow).toEqual({
      id: expect.any(String),
      keyName: 'admin',
      permissions: undefined,
    });
    expect(found.workspaceId).toEqual(expect.any(String));
    const created = await client.createKey({ keyName: 'no-scopes' });
    expect(created.permissions).toBeUndefined();
    expect((await client.updateKey(created.id, { keyName: 'renamed' })).keyName).toBe('renamed');
    await client.deleteKey(created.id);
    await expectFailure(client.deleteKey(created.id), 'not_found', secrets);
    await expectFailure(client.keyPermissions(), 'not_flowise', secrets);
  });

  it('2.x: hex ids, no workspace, DELETE answering with the remaining list', async () => {
    const { fake: server, client, secrets } = await start({ generation: '2.0.6-3.0.0' });
    const found = await client.describe();
    expect(found).toMatchObject({
      version: '2.2.8',
      generation: '2.0.6-3.0.0',
      platform: 'unknown',
    });
    expect(found.workspaceId).toBeUndefined();
    const created = await client.createKey({ keyName: 'legacy' });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.createdAt).toMatch(/^\d\d-[A-Z][a-z]{2}-\d\d$/);
    await client.deleteKey(created.id);
    await expectFailure(client.deleteKey(created.id), 'not_found', secrets);
    const credential = await client.createCredential({
      name: 'c',
      credentialName: 'openAIApi',
      plainDataObj: { openAIApiKey: 'sk-1' },
    });
    expect(credential.workspaceId).toBeUndefined();
    expect(server.log.some((r) => r.url === '/api/v1/settings')).toBe(false);
  });

  it('2.x really lets `x-request-from: internal` skip auth, which is why it is never sent', async () => {
    const { fake: server, client } = await start({ generation: '2.0.6-3.0.0' });
    const bypass = await fetch(`${server.url}/api/v1/apikey`, {
      headers: { 'x-request-from': 'internal' },
    });
    expect(bypass.status).toBe(200);
    await client.describe();
    expect(server.log.filter((r) => 'x-request-from' in r.headers)).toHaveLength(1);
  });

  it('2.0.6–2.1.1: /version needs the key, and gets it', async () => {
    const { client } = await start({ generation: '2.0.6-3.0.0', version: '2.1.0' });
    expect((await client.describe()).version).toBe('2.1.0');
  });

  it('before 2.0.6: keys cannot manage anything, said plainly', async () => {
    const { client, secrets } = await start({ generation: '2.0.6-3.0.0', version: '2.0.5' });
    const error = await expectFailure(client.describe(), 'precondition_failed', secrets);
    expect(error.message).toContain('runs Flowise 2.0.5');
    expect(error.message).toContain('2.0.6 or newer');
    // Any call that needs the line says the same, not just describe().
    const again = await expectFailure(client.deleteKey('k1'), 'precondition_failed', secrets);
    expect(again.message).toContain('runs Flowise 2.0.5');
  });

  it('an enterprise server with an invalid licence', async () => {
    const { client } = await start({ platform: '' });
    expect((await client.describe()).platform).toBe('enterprise');
  });
});
