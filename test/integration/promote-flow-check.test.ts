// promote.flowCheck: the credentials a flow names, read from the source instance or pasted as
// Flowise exports it, each said present, missing or of another type on the target; what is
// missing is then copied with the same id and the check comes back clean.
import { afterEach, describe, expect, it } from 'vitest';

import { isAppError } from '../../common/errors.js';
import type { PromoteFixture } from './promote-fixture.js';
import { startPromoteFixture } from './promote-fixture.js';

let f: PromoteFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** A chatflow with a chat model naming one credential and a tool naming another, as Flowise
 * keeps them (node.data.credential and inputs.*.FLOWISE_CREDENTIAL_ID), and a node id that is not
 * a credential. */
function flowData(modelCredential: string, toolCredential: string): string {
  return JSON.stringify({
    nodes: [
      {
        id: 'chatOpenAI_0',
        data: { id: 'chatOpenAI_0', label: 'ChatOpenAI', credential: modelCredential, inputs: {} },
      },
      {
        id: 'postgres_0',
        data: {
          label: 'Postgres',
          inputs: { config: { FLOWISE_CREDENTIAL_ID: toolCredential } },
          documentStoreId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
        },
      },
    ],
    edges: [],
  });
}

describe('promote.flowCheck', () => {
  it('lists what a flow needs on the target, and "copy what is missing" makes it all present', async () => {
    f = await startPromoteFixture();
    const openai = f.flowise.state.addCredential('openai', 'openAIApi', { openAIApiKey: 'sk-1' });
    const pg = f.flowise.state.addCredential('pg', 'PostgresUrl', {
      postgresUrl: 'postgresql://a:b@h/db',
    });
    f.target.state.addCredential('openai', 'openAIApi', { openAIApiKey: 'sk-2' }, openai.id);
    const flow = f.flowise.state.addChatflow({
      name: 'support bot',
      flowData: flowData(openai.id, pg.id),
    });
    const args = { fromInstanceId: f.instanceId, toInstanceId: f.targetId };

    const check = await f.promote.flowCheck({ ...args, chatflowId: flow.id });
    expect(check.flowName).toBe('support bot');
    expect(check.needs.map((n) => [n.id, n.status, n.nodes])).toEqual(
      [
        [openai.id, 'present', ['ChatOpenAI']],
        [pg.id, 'missing', ['Postgres']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(check.needs.find((n) => n.id === pg.id)?.onSource).toEqual({
      name: 'pg',
      credentialName: 'PostgresUrl',
      typeLabel: 'Postgres URL',
    });

    const missing = check.needs.filter((n) => n.status === 'missing').map((n) => n.id);
    await f.promote.credentials({
      ...args,
      items: missing.map((id) => ({ id, overwrite: false, secrets: {} })),
    });
    const pasted = await f.promote.flowCheck({ ...args, flowJson: flow.flowData });
    expect(pasted.needs.every((n) => n.status === 'present')).toBe(true);
  });

  it('takes a pasted chatflow object, says a credential of another type, and refuses what is no flow', async () => {
    f = await startPromoteFixture();
    const id = 'a1b2c3d4-e5f6-4789-8abc-def012345678';
    f.target.state.addCredential('other', 'jiraApi', { username: 'x' }, id);
    f.flowise.state.addCredential('openai', 'openAIApi', { openAIApiKey: 'sk-1' }, id);
    const flowJson = JSON.stringify({ name: 'pasted', flowData: flowData(id, id) });
    const check = await f.promote.flowCheck({
      fromInstanceId: f.instanceId,
      toInstanceId: f.targetId,
      flowJson,
    });
    expect(check.flowName).toBe('pasted');
    expect(check.needs).toEqual([
      expect.objectContaining({ id, status: 'type-differs', nodes: ['ChatOpenAI', 'Postgres'] }),
    ]);
    const refused = await f.promote
      .flowCheck({ toInstanceId: f.targetId, flowJson: '{"name":"x"}' })
      .catch((error: unknown) => error);
    expect(isAppError(refused, 'bad_request')).toBe(true);
  });
});
