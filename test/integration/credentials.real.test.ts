// credentials.* against the real Flowise 3.1.4 of the `flowise` vitest project. What the API never
// shows (the stored secret) is read from the server's own database and decrypted with its own key,
// to prove that a rename, an edit and a round trip of the edit form leave the secret intact.
import { randomUUID } from 'node:crypto';

import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';

import type { Envelope } from '../../common/ipc/define.js';
import type { AuditEntry } from '../../common/ipc/schemas/audit.js';
import type { FieldInput } from '../../common/ipc/schemas/credentials.js';
import { CREDENTIAL_PLACEHOLDER } from '../../main/core/flowise/credentials-api.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import { readStoredCredential } from '../flowise/flowise-credential-store.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import { checkedCredentialsApi, clientsOver, instanceRecord } from './credentials-api.js';

const flowise = inject('flowise');
const instanceId = randomUUID();
const records = new Map([
  [instanceId, instanceRecord(instanceId, 'real', flowise.url, flowise.apiKey)],
]);
const audit: AuditEntry[] = [];
const returned: Envelope<unknown>[] = [];
const credentials = checkedCredentialsApi(
  {
    clients: clientsOver(records, createNodeHttp()),
    audit: {
      append: (entry) => {
        audit.push(entry);
        return Promise.resolve();
      },
    },
    clock: new FakeClock(Date.now()),
  },
  returned,
);

const typed: string[] = [];
const secret = (label: string): string => {
  const value = `${label}-${randomUUID()}`;
  typed.push(value);
  return value;
};
const unique = (what: string): string => `fkv-real-${what}-${randomUUID().slice(0, 8)}`;
const cleanups: (() => Promise<unknown>)[] = [];

const { call } = flowiseRest(flowise);
const rest = (method: string, path: string, body?: unknown): Promise<unknown> =>
  call(method, path, body);

async function create(credentialName: string, data: Record<string, FieldInput>): Promise<string> {
  const created = await credentials.create({
    instanceId,
    credentialName,
    name: unique(credentialName),
    data,
  });
  cleanups.push(() => rest('DELETE', `/credentials/${created.id}`));
  return created.id;
}

const stored = (id: string) => readStoredCredential(flowise.dataDir, id);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(() => {
  const seen = JSON.stringify({ returned, audit });
  for (const value of typed) expect(seen.includes(value), 'a typed secret came back').toBe(false);
  expect(seen).not.toContain(CREDENTIAL_PLACEHOLDER);
});

describe('credentials on a real Flowise', () => {
  it('keeps the secret through a rename and a round trip of the edit form', async () => {
    const password = secret('redis-pw');
    const id = await create('redisCacheApi', {
      redisCacheHost: 'cache.internal',
      redisCachePort: 6380,
      redisCacheUser: 'app',
      redisCachePwd: password,
      redisCacheSslEnabled: true,
    });
    const data = {
      redisCacheHost: 'cache.internal',
      redisCachePort: '6380',
      redisCacheUser: 'app',
      redisCachePwd: password,
      redisCacheSslEnabled: true,
    };
    const before = await stored(id);
    expect(before).toMatchObject({ credentialName: 'redisCacheApi', data });

    const form = await credentials.get({ instanceId, id });
    expect(form.fields.redisCachePwd).toEqual({ kind: 'secret', set: true });
    const shown = Object.fromEntries(
      Object.entries(form.fields).flatMap(([k, v]) => (v.kind === 'value' ? [[k, v.value]] : [])),
    );
    const renamed = unique('renamed');
    await credentials.update({ instanceId, id, name: renamed, changes: shown });
    expect(await stored(id)).toEqual({ name: renamed, credentialName: 'redisCacheApi', data });

    await credentials.update({ instanceId, id, changes: { redisCacheHost: 'cache2.internal' } });
    expect((await stored(id))?.data).toEqual({ ...data, redisCacheHost: 'cache2.internal' });
  });

  it('shows why: sending the form back as Flowise returns it overwrites the secret', async () => {
    const id = await create('openAIApi', { openAIApiKey: secret('sk-naive') });
    const detail = (await rest('GET', `/credentials/${id}`)) as {
      name: string;
      plainDataObj: Record<string, unknown>;
    };
    expect(detail.plainDataObj).toEqual({ openAIApiKey: CREDENTIAL_PLACEHOLDER });
    await rest('PUT', `/credentials/${id}`, {
      name: detail.name,
      credentialName: 'openAIApi',
      plainDataObj: detail.plainDataObj,
    });
    expect((await stored(id))?.data).toEqual({ openAIApiKey: CREDENTIAL_PLACEHOLDER });
  });

  it('rotates one secret after a plan, leaving the other fields as they were', async () => {
    const token = secret('jira-token');
    const id = await create('jiraApi', { username: 'ops@example.com', accessToken: token });
    const plan = await credentials.rotatePlan({ instanceId, id, field: 'accessToken' });
    expect(plan.field).toEqual({ name: 'accessToken', label: 'Access Token', set: true });
    expect(plan.usage).toEqual({ checked: true });
    const next = secret('jira-token-2');
    await credentials.rotate({
      instanceId,
      id,
      field: 'accessToken',
      value: next,
      reviewedFlowIds: [],
    });
    expect((await stored(id))?.data).toEqual({ username: 'ops@example.com', accessToken: next });
    expect(audit.at(-1)).toMatchObject({
      action: 'credential.update',
      outcome: 'ok',
      detail: 'secret rotated: Access Token; used by 0 flows',
    });
  });

  it('masks the password of a url field, and keeps it through a rename', async () => {
    const password = secret('pg');
    const url = `postgresql://app:${password}@db.internal:5432/app`;
    const id = await create('PostgresUrl', { postgresUrl: url });
    const form = await credentials.get({ instanceId, id });
    expect(form.fields.postgresUrl).toEqual({
      kind: 'masked',
      display: 'postgresql://app:••••••@db.internal:5432/app',
    });
    await credentials.update({ instanceId, id, name: unique('pg-renamed') });
    expect((await stored(id))?.data).toEqual({ postgresUrl: url });
  });

  it('finds the flows that use a credential and deletes it only when its name is typed', async () => {
    const id = await create('openAIApi', { openAIApiKey: secret('sk-used') });
    const name = (await credentials.get({ instanceId, id })).name;
    const flowData = JSON.stringify({
      nodes: [{ id: 'chatOpenAI_0', data: { name: 'chatOpenAI', credential: id, inputs: {} } }],
      edges: [],
    });
    const flow = (await rest('POST', '/chatflows', {
      name: unique('flow'),
      type: 'CHATFLOW',
      flowData,
    })) as {
      id: string;
      name: string;
    };
    cleanups.push(() => rest('DELETE', `/chatflows/${flow.id}`));
    const listed = (await credentials.list({ instanceId })).credentials.find((c) => c.id === id);
    expect(listed?.usedBy).toEqual([{ id: flow.id, name: flow.name, type: 'CHATFLOW' }]);
    expect(listed?.typeLabel).toBe('OpenAI API');
    await expect(credentials.delete({ instanceId, id })).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining(`1 flow uses "${name}": "${flow.name}"`),
    });
    expect(await stored(id)).toBeDefined();
    await credentials.delete({ instanceId, id, confirmName: name });
    expect(await stored(id)).toBeUndefined();
  });

  it('explains the 403 a view-only key gets when opening a credential', async () => {
    const id = await create('openAIApi', { openAIApiKey: secret('sk-view') });
    const keyName = unique('viewer');
    const keys = (await rest('POST', '/apikey', {
      keyName,
      permissions: ['credentials:view'],
    })) as {
      id: string;
      keyName: string;
      apiKey: string;
    }[];
    const viewer = keys.find((k) => k.keyName === keyName);
    if (viewer === undefined) throw new Error('the new key is not in the list');
    cleanups.push(() => rest('DELETE', `/apikey/${viewer.id}`));
    const viewerId = randomUUID();
    records.set(viewerId, instanceRecord(viewerId, 'viewer', flowise.url, viewer.apiKey));
    await expect(credentials.get({ instanceId: viewerId, id })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('credentials:view alone is refused (403)'),
    });
    const list = await credentials.list({ instanceId: viewerId });
    expect(list.credentials.map((c) => c.id)).toContain(id);
    expect(list.usage).toMatchObject({ checked: false, error: { code: 'forbidden' } });
  });

  it('answers not_found for an unknown id, and serves the whole type catalog', async () => {
    const id = randomUUID();
    await expect(credentials.get({ instanceId, id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(credentials.update({ instanceId, id, name: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const catalog = await credentials.types({ instanceId });
    expect(catalog.total).toBe(113);
    const openai = await credentials.types({ instanceId, query: 'openai api' });
    expect(openai.types.map((t) => t.name)).toContain('openAIApi');
  });
});
