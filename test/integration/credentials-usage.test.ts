// credentials.* against the fake Flowise, part 2: which flows use a credential (found in their
// flowData), rotating a secret after reviewing them, and deleting only with the name typed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { CredentialsFixture } from './credentials-fixture.js';
import { startCredentialsFixture } from './credentials-fixture.js';

let f: CredentialsFixture;
const typed: string[] = [];

beforeEach(async () => {
  f = await startCredentialsFixture();
  typed.length = 0;
});
afterEach(async () => {
  const sent = f.flowise.log.map((r) => r.body).join('\n');
  expect(sent).not.toContain('_FLOWISE_BLANK_');
  f.expectNowhere(typed);
  await f.close();
});

/** A flow naming the credential the ways Flowise does: a v1 node, and an agentflow v2 model. */
function flowsUsing(id: string): void {
  f.flowise.state.addChatflow({
    name: 'support bot',
    type: 'CHATFLOW',
    flowData: JSON.stringify({
      nodes: [{ id: 'chatOpenAI_0', data: { name: 'chatOpenAI', credential: id, inputs: {} } }],
      edges: [],
    }),
  });
  f.flowise.state.addChatflow({
    name: 'triage agent',
    type: 'AGENTFLOW',
    flowData: JSON.stringify({
      nodes: [
        {
          id: 'llmAgentflow_0',
          data: { inputs: { llmModelConfig: { modelName: 'gpt-4o', FLOWISE_CREDENTIAL_ID: id } } },
        },
      ],
      edges: [],
    }),
  });
  f.flowise.addChatflow('unrelated');
}

async function openAI(name: string, key: string): Promise<string> {
  typed.push(key);
  const created = await f.credentials.create({
    instanceId: f.instanceId,
    credentialName: 'openAIApi',
    name,
    data: { openAIApiKey: key },
  });
  return created.id;
}

const names = (flows: { name: string }[]) => flows.map((x) => x.name).sort();

describe('credential usage', () => {
  it('lists the flows that use each credential', async () => {
    const { credentials, instanceId } = f;
    const used = await openAI('used', 'sk-usage-1');
    const idle = await openAI('idle', 'sk-usage-2');
    flowsUsing(used);
    const list = await credentials.list({ instanceId });
    const byId = new Map(list.credentials.map((c) => [c.id, c]));
    expect(names(byId.get(used)?.usedBy ?? [])).toEqual(['support bot', 'triage agent']);
    expect(byId.get(idle)?.usedBy).toEqual([]);
    const form = await credentials.get({ instanceId, id: used });
    expect(form.usedBy.map((u) => u.type).sort()).toEqual(['AGENTFLOW', 'CHATFLOW']);
  });

  it('deletes a credential in use only when its name is typed, naming the flows', async () => {
    const { credentials, instanceId, flowise } = f;
    const id = await openAI('openai prod', 'sk-delete-1');
    flowsUsing(id);
    await expect(credentials.delete({ instanceId, id })).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringMatching(
        /^2 flows use "openai prod": "(support bot|triage agent)" and "(support bot|triage agent)"\. They will fail/,
      ),
    });
    await expect(
      credentials.delete({ instanceId, id, confirmName: 'openai' }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    expect(f.bodies('DELETE', '/credentials/')).toHaveLength(0);
    expect(flowise.log.filter((r) => r.method === 'DELETE')).toEqual([]);
    await credentials.delete({ instanceId, id, confirmName: 'openai prod' });
    expect(flowise.state.credentials.has(id)).toBe(false);
    const records = f.core.audit.list({ action: 'credential.delete' }).records;
    expect(records.map((r) => [r.outcome, r.subject?.name, r.detail])).toEqual([
      ['ok', 'openai prod', '2 flows used it'],
      ['failed', 'openai prod', 'precondition_failed'],
      ['failed', 'openai prod', 'precondition_failed'],
    ]);
  });

  it('asks for the name when usage cannot be checked', async () => {
    const { credentials, flowise } = f;
    const stored = flowise.state.addCredential('c', 'openAIApi', { openAIApiKey: 'sk-x-1234' });
    typed.push('sk-x-1234');
    const key = flowise.addKey('no-flows', ['credentials:view', 'credentials:delete']);
    const limited = f.addInstance('limited', key.apiKey);
    await expect(credentials.delete({ instanceId: limited, id: stored.id })).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('Could not check which flows use "c"'),
    });
    await credentials.delete({ instanceId: limited, id: stored.id, confirmName: 'c' });
    expect(flowise.state.credentials.has(stored.id)).toBe(false);
  });
});

describe('secret rotation', () => {
  it('plans with the flows to review, then sends the one field alone', async () => {
    const { credentials, instanceId, flowise } = f;
    const id = await openAI('rotating', 'sk-rotate-old');
    flowsUsing(id);
    const plan = await credentials.rotatePlan({ instanceId, id, field: 'openAIApiKey' });
    expect(plan.field).toEqual({ name: 'openAIApiKey', label: 'OpenAI Api Key', set: true });
    expect(plan.usage).toEqual({ checked: true });
    expect(names(plan.credential.usedBy)).toEqual(['support bot', 'triage agent']);

    typed.push('sk-rotate-new');
    const rotated = await credentials.rotate({
      instanceId,
      id,
      field: 'openAIApiKey',
      value: 'sk-rotate-new',
      reviewedFlowIds: plan.credential.usedBy.map((u) => u.id),
    });
    expect(rotated).toMatchObject({ id, name: 'rotating' });
    expect(f.bodies('PUT', '/credentials/')).toEqual([
      {
        name: 'rotating',
        credentialName: 'openAIApi',
        plainDataObj: { openAIApiKey: 'sk-rotate-new' },
      },
    ]);
    expect(flowise.state.credentials.get(id)?.data).toEqual({ openAIApiKey: 'sk-rotate-new' });
    const record = f.core.audit.list({ action: 'credential.update' }).records[0];
    expect(record).toMatchObject({
      outcome: 'ok',
      subject: { kind: 'credential', id, name: 'rotating' },
      detail: 'secret rotated: OpenAI Api Key; used by 2 flows',
    });
  });

  it('refuses when a flow started using the credential since the review', async () => {
    const { credentials, instanceId, flowise } = f;
    const id = await openAI('moving', 'sk-conflict-old');
    const plan = await credentials.rotatePlan({ instanceId, id, field: 'openAIApiKey' });
    expect(plan.credential.usedBy).toEqual([]);
    flowsUsing(id);
    typed.push('sk-conflict-new');
    await expect(
      credentials.rotate({
        instanceId,
        id,
        field: 'openAIApiKey',
        value: 'sk-conflict-new',
        reviewedFlowIds: [],
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Since the review'),
    });
    expect(flowise.state.credentials.get(id)?.data).toEqual({ openAIApiKey: 'sk-conflict-old' });
  });

  it('rotates only secret fields, and checks the new value like any input', async () => {
    const { credentials, instanceId } = f;
    typed.push('jira-rotate-token');
    const { id } = await credentials.create({
      instanceId,
      credentialName: 'jiraApi',
      name: 'jira',
      data: { username: 'ops', accessToken: 'jira-rotate-token' },
    });
    await expect(
      credentials.rotatePlan({ instanceId, id, field: 'username' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: 'username is not a secret field of Jira API; choose one of: Access Token.',
    });
    const pg = await credentials.create({
      instanceId,
      credentialName: 'PostgresUrl',
      name: 'pg',
      data: { postgresUrl: 'postgresql://app:pg-rotate-1@db/app' },
    });
    typed.push('pg-rotate-1', 'pg-rotate-2');
    await expect(
      credentials.rotate({
        instanceId,
        id: pg.id,
        field: 'postgresUrl',
        value: 'pg-rotate-2',
        reviewedFlowIds: [],
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('Postgres URL must be a full address'),
    });
    await credentials.rotate({
      instanceId,
      id: pg.id,
      field: 'postgresUrl',
      value: 'postgresql://app:pg-rotate-2@db/app',
      reviewedFlowIds: [],
    });
    expect(f.flowise.state.credentials.get(pg.id)?.data).toEqual({
      postgresUrl: 'postgresql://app:pg-rotate-2@db/app',
    });
  });
});

describe('servers before 3.1.3', () => {
  it('masks a url password the server sent in clear', async () => {
    await f.close();
    f = await startCredentialsFixture({ generation: '3.0.1-3.0.12' });
    const { credentials, instanceId, flowise } = f;
    const stored = flowise.state.addCredential('pg', 'PostgresUrl', {
      postgresUrl: 'postgresql://app:old-server-secret@db/app',
    });
    typed.push('old-server-secret');
    const form = await credentials.get({ instanceId, id: stored.id });
    expect(form.fields.postgresUrl).toEqual({
      kind: 'masked',
      display: 'postgresql://app:••••••@db/app',
    });
  });
});
