// The client contract against the fake Flowise in each generation mode, on every unit run, plus
// what only the fake can show: what went over the wire, and what the server ended up storing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { PLACEHOLDER, startFakeFlowise } from '../fakes/fake-flowise.js';
import { TEST_SETUP_HEADER } from '../flowise/flowise-rest.js';
import { defineFlowiseClientContract } from './flowise-client.contract.js';

let fake: FakeFlowise;
// Each line, as npm test runs the real ones: 2.2.8 with keys in api.json (the default) and in db.
const MODES = [
  { label: '3.1.4', generation: '3.0.13+', version: '3.1.4' },
  { label: '3.0.12', generation: '3.0.1-3.0.12', version: '3.0.12' },
  { label: '2.2.8', generation: '2.0.6-3.0.0', version: '2.2.8' },
  { label: '2.2.8 (keys: db)', generation: '2.0.6-3.0.0', version: '2.2.8', apiKeyStorage: 'db' },
] as const satisfies readonly {
  label: string;
  generation: FlowiseGeneration;
  version: string;
  apiKeyStorage?: 'db';
}[];
const fakes = new Map<string, FakeFlowise>();

beforeAll(async () => {
  fake = await startFakeFlowise({ seed: { keys: 3, chatflows: 4, credentials: 2 } });
  fakes.set('3.1.4', fake);
  for (const mode of MODES.slice(1))
    fakes.set(
      mode.label,
      await startFakeFlowise({
        generation: mode.generation,
        ...('apiKeyStorage' in mode ? { apiKeyStorage: mode.apiKeyStorage } : {}),
      }),
    );
});

afterAll(async () => {
  for (const each of fakes.values()) await each.close();
});

for (const { label, generation, version } of MODES) {
  defineFlowiseClientContract(`fake Flowise ${label}`, generation, () => {
    const server = fakes.get(label);
    if (server === undefined) throw new Error(`no fake for ${label}`);
    return { url: server.url, apiKey: server.adminKey, version, generation };
  });
}

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
    // The suite's own set-up calls (test/flowise/flowise-rest.ts) are not the client's.
    for (const request of fake.log.filter((r) => !(TEST_SETUP_HEADER in r.headers))) {
      for (const key of [fake.adminKey, ...keys]) expect(request.url).not.toContain(key);
      expect(request.url).not.toContain('/verify/apikey');
      expect(request.headers).not.toHaveProperty('x-request-from');
      expect(request.body).not.toContain(PLACEHOLDER);
      expect(request.body).not.toContain('••');
      expect(request.url).not.toMatch(/[?&](page|limit)=/);
    }
  });
});
