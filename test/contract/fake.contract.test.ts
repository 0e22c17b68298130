// The client contract against the fake Flowise, on every unit run, plus what only the fake can
// show: what went over the wire, and what the server ended up storing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { PLACEHOLDER, startFakeFlowise } from '../fakes/fake-flowise.js';
import { defineFlowiseClientContract } from './flowise-client.contract.js';

let fake: FakeFlowise;

beforeAll(async () => {
  fake = await startFakeFlowise({ seed: { keys: 3, chatflows: 4, credentials: 2 } });
});

afterAll(async () => {
  await fake.close();
});

defineFlowiseClientContract('fake Flowise', () => ({ url: fake.url, apiKey: fake.adminKey }));

describe('what the client sent to the fake Flowise', () => {
  it('keeps a stored secret through a whole-form round trip', async () => {
    const client = createFlowiseClient({
      http: createNodeHttp(),
      baseUrl: fake.url,
      apiKey: fake.adminKey,
      timeoutMs: 2000,
    });
    const created = await client.createCredential({
      name: 'round-trip',
      credentialName: 'PostgresUrl',
      plainDataObj: { postgresUrl: 'postgresql://app:pg-secret@db/app', note: 'n1' },
    });
    const form = (await client.getCredential(created.id)).plainDataObj;
    await client.updateCredential(created.id, { plainDataObj: { ...form, note: 'n2' } });
    expect(fake.state.credentials.get(created.id)?.data).toEqual({
      postgresUrl: 'postgresql://app:pg-secret@db/app',
      note: 'n2',
    });
    await client.deleteCredential(created.id);
  });

  it('never sent a key in a URL, x-request-from, or a placeholder or masked value', () => {
    expect(fake.log.length).toBeGreaterThan(50);
    const keys = [...fake.state.keys.values()].map((k) => k.apiKey);
    for (const request of fake.log) {
      for (const key of [fake.adminKey, ...keys]) expect(request.url).not.toContain(key);
      expect(request.url).not.toContain('/verify/apikey');
      expect(request.headers).not.toHaveProperty('x-request-from');
      expect(request.body).not.toContain(PLACEHOLDER);
      expect(request.body).not.toContain('••');
      expect(request.url).not.toMatch(/[?&](page|limit)=/);
    }
  });
});
