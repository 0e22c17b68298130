// credentials.* end to end against the fake Flowise: create, edit and delete with each input type,
// only changed fields sent, never the placeholder, validation before anything is sent, 403 and
// not_found, and no typed secret anywhere the renderer, the logs, events or the audit can see.
import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { FieldInput } from '../../common/ipc/schemas/credentials.js';
import type { CredentialsFixture } from './credentials-fixture.js';
import { startCredentialsFixture } from './credentials-fixture.js';

let f: CredentialsFixture;
const typed: string[] = [];
const secret = (value: string): string => {
  typed.push(value);
  return value;
};

beforeEach(async () => {
  f = await startCredentialsFixture();
  typed.length = 0;
});
afterEach(async () => {
  const sent = f.flowise.log.map((r) => r.body).join('\n');
  expect(sent).not.toContain('_FLOWISE_BLANK_');
  expect(sent).not.toContain('••');
  f.expectNowhere(typed);
  await f.close();
});

interface Case {
  input: string;
  type: string;
  data: () => Record<string, FieldInput>;
  stored: Record<string, unknown>;
  change: Record<string, FieldInput>;
  sent: Record<string, unknown>;
  secretFields: string[];
}

const CASES: Case[] = [
  {
    input: 'password',
    type: 'openAIApi',
    data: () => ({ openAIApiKey: secret('sk-int-openai-1') }),
    stored: { openAIApiKey: 'sk-int-openai-1' },
    change: {},
    sent: {},
    secretFields: ['openAIApiKey'],
  },
  {
    input: 'string',
    type: 'jiraApi',
    data: () => ({ username: 'ops@example.com', accessToken: secret('jira-int-token-1') }),
    stored: { username: 'ops@example.com', accessToken: 'jira-int-token-1' },
    change: { username: 'dev@example.com' },
    sent: { username: 'dev@example.com' },
    secretFields: ['accessToken'],
  },
  {
    input: 'url',
    type: 'PostgresUrl',
    data: () => ({ postgresUrl: `postgresql://app:${secret('pg-int-secret')}@db:5432/app` }),
    stored: { postgresUrl: 'postgresql://app:pg-int-secret@db:5432/app' },
    change: { postgresUrl: 'postgresql://app@db2:5432/app' },
    sent: { postgresUrl: 'postgresql://app@db2:5432/app' },
    secretFields: [],
  },
  {
    input: 'number and boolean',
    type: 'redisCacheApi',
    data: () => ({
      redisCacheHost: 'cache.internal',
      redisCachePort: 6380,
      redisCacheUser: 'app',
      redisCachePwd: secret('redis-int-pw'),
      redisCacheSslEnabled: true,
    }),
    stored: {
      redisCacheHost: 'cache.internal',
      redisCachePort: '6380',
      redisCacheUser: 'app',
      redisCachePwd: 'redis-int-pw',
      redisCacheSslEnabled: true,
    },
    change: { redisCachePort: '6381', redisCacheSslEnabled: 'false' },
    sent: { redisCachePort: '6381', redisCacheSslEnabled: false },
    secretFields: ['redisCachePwd'],
  },
  {
    input: 'options',
    type: 'ibmWatsonx',
    data: () => ({
      version: '2024-05-01',
      serviceUrl: 'https://watsonx.example',
      projectId: 'p-1',
      watsonxAIAuthType: 'IAM',
      watsonxAIApikey: secret('ibm-int-key'),
    }),
    stored: {
      version: '2024-05-01',
      serviceUrl: 'https://watsonx.example',
      projectId: 'p-1',
      watsonxAIAuthType: 'iam',
      watsonxAIApikey: 'ibm-int-key',
    },
    change: { watsonxAIAuthType: 'bearertoken' },
    sent: { watsonxAIAuthType: 'bearertoken' },
    secretFields: ['watsonxAIApikey'],
  },
  {
    input: 'json',
    type: 'httpHeadersApi',
    data: () => ({ headers: '{"X-Team":"ops"}', bearerToken: secret('hdr-int-token') }),
    stored: { headers: '{"X-Team":"ops"}', bearerToken: 'hdr-int-token' },
    change: { headers: '{"X-Team":"dev"}' },
    sent: { headers: '{"X-Team":"dev"}' },
    secretFields: ['bearerToken'],
  },
];

describe('credentials, for each input type', () => {
  it.each(CASES)('creates, edits and deletes a $input credential', async (c) => {
    const { credentials, instanceId, flowise } = f;
    const name = `int ${c.type}`;
    const created = await credentials.create({
      instanceId,
      credentialName: c.type,
      name,
      data: c.data(),
    });
    expect(created).toMatchObject({ name, credentialName: c.type, shared: false, usedBy: [] });
    expect(flowise.state.credentials.get(created.id)?.data).toEqual(c.stored);

    const form = await credentials.get({ instanceId, id: created.id });
    expect(form.type?.name).toBe(c.type);
    for (const field of c.secretFields)
      expect(form.fields[field]).toEqual({ kind: 'secret', set: true });
    if (c.type === 'PostgresUrl')
      expect(form.fields.postgresUrl).toEqual({
        kind: 'masked',
        display: 'postgresql://app:••••••@db:5432/app',
      });

    // The form sends back every value it shows; only what changed may reach Flowise.
    const shown = Object.fromEntries(
      Object.entries(form.fields).flatMap(([k, v]) => (v.kind === 'value' ? [[k, v.value]] : [])),
    );
    const before = f.bodies('PUT', '/credentials/').length;
    await credentials.update({ instanceId, id: created.id, changes: { ...shown, ...c.change } });
    const puts = f.bodies('PUT', '/credentials/').slice(before);
    if (Object.keys(c.sent).length === 0) expect(puts).toEqual([]);
    else expect(puts).toEqual([{ name, credentialName: c.type, plainDataObj: c.sent }]);
    expect(flowise.state.credentials.get(created.id)?.data).toEqual({ ...c.stored, ...c.sent });

    await credentials.delete({ instanceId, id: created.id });
    expect(flowise.state.credentials.has(created.id)).toBe(false);
  });
});

describe('credentials', () => {
  it('keeps the secret through a rename, sending no field at all', async () => {
    const { credentials, instanceId, flowise } = f;
    const { id } = await credentials.create({
      instanceId,
      credentialName: 'openAIApi',
      name: 'before',
      data: { openAIApiKey: secret('sk-int-rename') },
    });
    const renamed = await credentials.update({ instanceId, id, name: 'after' });
    expect(renamed).toMatchObject({ id, name: 'after', typeLabel: 'OpenAI API' });
    expect(f.bodies('PUT', '/credentials/')).toEqual([
      { name: 'after', credentialName: 'openAIApi' },
    ]);
    expect(flowise.state.credentials.get(id)?.data).toEqual({ openAIApiKey: 'sk-int-rename' });
    const record = f.core.audit.list({ action: 'credential.update' }).records[0];
    expect(record).toMatchObject({ outcome: 'ok', detail: 'renamed from "before"' });
  });

  it('sends nothing when nothing changed', async () => {
    const { credentials, instanceId } = f;
    const { id } = await credentials.create({
      instanceId,
      credentialName: 'jiraApi',
      name: 'same',
      data: { username: 'u', accessToken: secret('jira-int-same') },
    });
    await credentials.update({ instanceId, id, name: 'same', changes: { username: 'u' } });
    expect(f.bodies('PUT', '/credentials/')).toEqual([]);
  });

  it('checks input against the type before sending, naming the fields', async () => {
    const { credentials, instanceId } = f;
    const wrong = secret('sk-int-in-the-port-field');
    await expect(
      credentials.create({
        instanceId,
        credentialName: 'redisCacheApi',
        name: 'bad',
        data: { redisCachePort: wrong, redisCacheSslEnabled: 'perhaps', extra: 'x' },
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message:
        'Check these fields: Port must be a number; Use SSL must be on or off (true or false); ' +
        'extra is not a field of Redis API; User is required; Password is required.',
    });
    await expect(
      credentials.create({ instanceId, credentialName: 'noSuchType', name: 'x', data: {} }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('noSuchType'),
    });
    expect(f.bodies('POST', '/credentials')).toEqual([]);
    const failed = f.core.audit.list({ action: 'credential.create' }).records;
    expect(failed.map((r) => [r.outcome, r.detail])).toEqual([
      ['failed', 'bad_request'],
      ['failed', 'bad_request'],
    ]);
  });

  it('refuses the placeholder or a masked url as a new value, sending nothing', async () => {
    const { credentials, instanceId } = f;
    const { id } = await credentials.create({
      instanceId,
      credentialName: 'PostgresUrl',
      name: 'pg',
      data: { postgresUrl: `postgresql://app:${secret('pg-int-keep')}@db/app` },
    });
    for (const value of [
      '_FLOWISE_BLANK_07167752-1a71-43b1-bf8f-4f32252165db',
      'postgresql://app:••••••@db/app',
    ])
      await expect(
        credentials.update({ instanceId, id, changes: { postgresUrl: value } }),
      ).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringContaining('Postgres URL'),
      });
    expect(f.bodies('PUT', '/credentials/')).toEqual([]);
    expect(f.flowise.state.credentials.get(id)?.data).toEqual({
      postgresUrl: 'postgresql://app:pg-int-keep@db/app',
    });
  });

  it('lists credentials with type labels and dates, sorted by name', async () => {
    const { credentials, instanceId, flowise } = f;
    flowise.state.addCredential('zeta', 'openAIApi', { openAIApiKey: secret('sk-seeded') });
    flowise.state.addCredential('alpha', 'retiredType', { token: secret('old-token') });
    const list = await credentials.list({ instanceId });
    expect(list.usage).toEqual({ checked: true });
    expect(list.credentials.map((c) => [c.name, c.typeLabel])).toEqual([
      ['alpha', 'retiredType'],
      ['zeta', 'OpenAI API'],
    ]);
    expect(list.credentials[0]?.createdAt).toEqual(expect.any(Number));
    const retired = await credentials.get({ instanceId, id: list.credentials[0]?.id ?? '' });
    expect(retired.type).toBeUndefined();
    expect(retired.fields).toEqual({ token: { kind: 'secret', set: true } });
  });

  it('searches the type catalog', async () => {
    const { credentials, instanceId } = f;
    const all = await credentials.types({ instanceId });
    expect(all.total).toBe(6);
    const redis = await credentials.types({ instanceId, query: 'redis' });
    expect(redis.types.map((t) => t.name)).toEqual(['redisCacheApi']);
    expect(redis.types[0]?.inputs.map((i) => [i.type, i.secret])).toEqual([
      ['string', false],
      ['number', false],
      ['string', false],
      ['password', true],
      ['boolean', false],
    ]);
    const jira = (await credentials.types({ instanceId, query: 'jira' })).types[0];
    expect(jira?.links).toEqual([
      {
        label: 'official guide',
        url: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
      },
    ]);
  });

  it('explains that a view-only key cannot open a credential, and still lists', async () => {
    const { credentials, flowise } = f;
    const stored = flowise.state.addCredential('c', 'openAIApi', {
      openAIApiKey: secret('sk-view-only'),
    });
    const viewer = f.addInstance('viewer', flowise.addKey('viewer', ['credentials:view']).apiKey);
    await expect(credentials.get({ instanceId: viewer, id: stored.id })).rejects.toMatchObject({
      code: 'forbidden',
      message:
        'The API key of "viewer" can list credentials but not open one. Since Flowise 3.1.3, ' +
        'opening a credential to edit it needs credentials:create or credentials:update; ' +
        'credentials:view alone is refused (403). Give the key credentials:update, or use a key that has it.',
    });
    const list = await credentials.list({ instanceId: viewer });
    expect(list.credentials.map((c) => c.name)).toEqual(['c']);
    expect(list.usage).toMatchObject({ checked: false, error: { code: 'forbidden' } });
  });

  it('has a secret scan that notices a value reaching the renderer or the audit', async () => {
    const { credentials, instanceId } = f;
    await credentials.create({
      instanceId,
      credentialName: 'openAIApi',
      name: 'visible name',
      data: { openAIApiKey: secret('sk-int-scan') },
    });
    expect(() => {
      f.expectNowhere(['visible name']);
    }).toThrow('a secret reached returned');
  });

  it('answers not_found for an unknown credential', async () => {
    const { credentials, instanceId } = f;
    const id = randomUUID();
    for (const call of [
      () => credentials.get({ instanceId, id }),
      () => credentials.update({ instanceId, id, name: 'x' }),
      () => credentials.rotatePlan({ instanceId, id, field: 'openAIApiKey' }),
      () => credentials.delete({ instanceId, id }),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'not_found' });
  });
});
