// /chatflows and /prediction as Flowise serves them: partial PUT (the `apikeyid` binding is never
// checked), 404s on GET and PUT, a 500 on DELETE of an unknown flow, and prediction that accepts
// only the key a flow is bound to, refusing others with a 500 "Unauthorized".
import { randomUUID } from 'node:crypto';

import type { FakeChatflow } from './fake-flowise-state.js';
import type { FakeRequest, FakeRoute } from './fake-flowise-http.js';
import { bodyObject, DELETED, HttpFail, json, route } from './fake-flowise-http.js';

const TYPES = ['CHATFLOW', 'AGENTFLOW', 'MULTIAGENT', 'ASSISTANT'];
const EDITABLE = [
  'name',
  'flowData',
  'apikeyid',
  'chatbotConfig',
  'deployed',
  'isPublic',
  'category',
  'type',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function flowOf(request: FakeRequest, id: string): FakeChatflow {
  if (!UUID.test(id)) throw new HttpFail(400, 'Invalid Chatflow ID');
  const flow = request.state.chatflows.get(id);
  if (flow === undefined) throw new HttpFail(404, `Chatflow ${id} not found in the database!`);
  return flow;
}

interface FlowNode {
  data?: { name?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

/** What a Custom JS Function ending node returns, when its code is `return "<text>";`. */
function returned(code: unknown): string | undefined {
  const match = typeof code === 'string' ? /^return (".*");$/.exec(code) : null;
  return match?.[1] === undefined ? undefined : (JSON.parse(match[1]) as string);
}

/** The reply of a flow (a Direct Reply, or a Custom JS Function ending node: the model-free flows
 * of 3.x and 2.x), or undefined when the flow has no ending node. */
function replyOf(flow: FakeChatflow): string | undefined {
  try {
    const parsed = JSON.parse(flow.flowData) as { nodes?: FlowNode[] };
    for (const node of parsed.nodes ?? []) {
      if (node.data?.name === 'directReplyAgentflow') {
        const message = node.data.inputs?.['directReplyMessage'];
        if (typeof message === 'string') return message;
      }
      if (node.data?.name === 'customFunction' && node.data.outputs?.['output'] === 'EndingNode')
        return returned(node.data.inputs?.['javascriptFunction']);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function postProcessing(flow: FakeChatflow): boolean {
  return flow.chatbotConfig?.includes('"postProcessing":{"enabled":true') ?? false;
}

export const chatflowRoutes: FakeRoute[] = [
  route(
    'GET',
    '/chatflows',
    (request) => {
      const type = request.query.get('type');
      const flows = [...request.state.chatflows.values()].filter(
        (f) => type === null || f.type === type,
      );
      return json(
        200,
        flows.map((f) => request.state.chatflowRow(f)),
      );
    },
    { anyOf: 'chatflows:view,chatflows:update,agentflows:view,agentflows:update' },
  ),
  route(
    'GET',
    '/chatflows/:id',
    (request, { id = '' }) => json(200, request.state.chatflowRow(flowOf(request, id))),
    {
      anyOf:
        'chatflows:view,chatflows:update,chatflows:delete,agentflows:view,agentflows:update,agentflows:delete',
    },
  ),
  route(
    'POST',
    '/chatflows',
    (request) => {
      const body = bodyObject(request);
      if (typeof body.type !== 'string' || !TYPES.includes(body.type))
        throw new HttpFail(400, 'Invalid Chatflow Type');
      const flow = request.state.addChatflow({
        name: typeof body.name === 'string' ? body.name : 'Untitled',
        type: body.type,
        id: randomUUID(),
        ...(typeof body.flowData === 'string' ? { flowData: body.flowData } : {}),
      });
      return json(200, request.state.chatflowRow(flow));
    },
    { anyOf: 'chatflows:create,chatflows:update,agentflows:create,agentflows:update' },
  ),
  route(
    'PUT',
    '/chatflows/:id',
    (request, { id = '' }) => {
      const flow = flowOf(request, id);
      const body = bodyObject(request);
      for (const field of EDITABLE)
        if (field in body) Object.assign(flow, { [field]: body[field] });
      flow.updatedDate = request.state.now();
      return json(200, request.state.chatflowRow(flow));
    },
    { anyOf: 'chatflows:create,chatflows:update,agentflows:create,agentflows:update' },
  ),
  route(
    'DELETE',
    '/chatflows/:id',
    (request, { id = '' }) => {
      const existed = request.state.chatflows.delete(id);
      // 2.x answers an unknown id with affected: 0; 3.x looks the flow up first and fails.
      if (!existed && !request.state.workspaces) return DELETED(0);
      if (!existed)
        throw new HttpFail(
          500,
          `Error: chatflowsService.deleteChatflow - Chatflow ${id} not found in the database!`,
        );
      return DELETED(1);
    },
    { anyOf: 'chatflows:delete,agentflows:delete,assistants:delete' },
  ),
  route(
    'POST',
    '/prediction/:id',
    (request, { id = '' }) => {
      const flow = request.state.chatflows.get(id);
      if (flow === undefined) throw new HttpFail(404, `Chatflow ${id} not found in the database!`);
      const reply = replyOf(flow);
      // Flowise checks for an ending node before it checks the key.
      if (reply === undefined && !postProcessing(flow))
        throw new HttpFail(
          500,
          'Error: predictionsServices.buildChatflow - Ending nodes not found',
        );
      if (flow.apikeyid !== null && flow.apikeyid !== '') {
        const supplied = (request.headers.authorization ?? '').split('Bearer ').pop() ?? '';
        const bound = request.state.keys.get(flow.apikeyid);
        // 2.x, asked with a key for a flow bound to a deleted key, trips over the missing secret.
        if (bound === undefined && supplied !== '' && !request.state.workspaces)
          throw new HttpFail(
            500,
            "Error: predictionsServices.buildChatflow - Cannot read properties of undefined (reading 'split')",
          );
        if (bound?.apiKey !== supplied)
          throw new HttpFail(500, 'Error: predictionsServices.buildChatflow - Unauthorized');
      }
      if (reply === undefined)
        throw new HttpFail(
          500,
          'Error: predictionsServices.buildChatflow - Ending nodes not found',
        );
      const { question } = bodyObject(request);
      return json(200, {
        text: reply,
        question,
        chatId: randomUUID(),
        chatMessageId: randomUUID(),
        executionId: randomUUID(),
        agentFlowExecutedData: [],
      });
    },
    { open: true },
  ),
];
