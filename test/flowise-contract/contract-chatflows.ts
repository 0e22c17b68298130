// The contract, part 3: chatflows bound to a key, and prediction accepting only that key.
import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { answeringFlow } from '../flowise/flowise-flows.js';
import type { ContractContext } from './contract-context.js';
import { expectFailure } from './contract-helpers.js';
import { createReplyFlow, deleteFlow } from './flowise-fixtures.js';

export function chatflowsContract(ctx: () => ContractContext, generation: FlowiseGeneration): void {
  // Keys take permissions from 3.0.13; before that none may be asked for.
  const asked = generation === '3.0.13+' ? { permissions: ['chatflows:view'] } : {};
  it('lists and gets chatflows, binds one to a key and unbinds it', async () => {
    const { client, target, cleanup, name, secrets } = ctx();
    const flowName = name('flow');
    const flowId = await createReplyFlow(target, flowName, 'pong-from-contract');
    cleanup.add(() => deleteFlow(target, flowId));
    const listed = (await client.listChatflows()).find((f) => f.id === flowId);
    const { type } = answeringFlow(generation, '');
    expect(listed).toMatchObject({ name: flowName, type, apikeyid: null });
    expect(await client.getChatflow(flowId)).toMatchObject({ id: flowId, name: flowName });

    const key = await client.createKey({ keyName: name('bound'), ...asked });
    cleanup.add(() => client.deleteKey(key.id));
    secrets.push(key.apiKey);
    expect((await client.setChatflowKey(flowId, key.id)).apikeyid).toBe(key.id);
    expect((await client.getChatflow(flowId)).apikeyid).toBe(key.id);
    const row = (await client.listKeys()).find((k) => k.id === key.id);
    expect(row?.chatFlows.map((f) => f.flowName)).toEqual([flowName]);

    expect((await client.setChatflowKey(flowId, null)).apikeyid).toBeNull();
    expect((await client.getChatflow(flowId)).apikeyid).toBeNull();
  });

  it('runs a bound flow with its key only, and an unbound flow with none', async () => {
    const { client, target, cleanup, name, secrets } = ctx();
    const flowId = await createReplyFlow(target, name('predict'), 'pong-from-contract');
    cleanup.add(() => deleteFlow(target, flowId));
    const key = await client.createKey({ keyName: name('predict-key'), ...asked });
    cleanup.add(() => client.deleteKey(key.id));
    secrets.push(key.apiKey);
    expect((await client.predict(flowId, 'hello')).text).toBe('pong-from-contract');
    await client.setChatflowKey(flowId, key.id);
    const answer = await client.predict(flowId, 'hello', { apiKey: key.apiKey });
    expect(answer.text).toBe('pong-from-contract');
    // Another valid key, even the full admin key, is refused; so is no key.
    await expectFailure(
      client.predict(flowId, 'hello', { apiKey: target.apiKey }),
      'unauthorized',
      secrets,
    );
    await expectFailure(client.predict(flowId, 'hello'), 'unauthorized', secrets);
    // Deleting the key leaves the binding dangling: the flow then refuses everyone.
    await client.deleteKey(key.id);
    await expectFailure(
      client.predict(flowId, 'hello', { apiKey: key.apiKey }),
      'unauthorized',
      secrets,
    );
    expect((await client.getChatflow(flowId)).apikeyid).toBe(key.id);
  });

  it('reports unknown chatflows as not found', async () => {
    const { client, secrets } = ctx();
    const id = randomUUID();
    const error = await expectFailure(client.getChatflow(id), 'not_found', secrets);
    expect(error.message).toContain(id);
    await expectFailure(client.setChatflowKey(id, null), 'not_found', secrets);
    await expectFailure(client.predict(id, 'hello'), 'not_found', secrets);
  });
}
