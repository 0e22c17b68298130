// Set-up the client has no methods for (it never creates or deletes chatflows): raw calls with the
// admin key, used only to give the contract suite a flow to bind and run.
import { directReplyFlow } from '../fakes/fake-flowise-state.js';

export interface ContractTarget {
  url: string;
  apiKey: string;
}

async function call(
  target: ContractTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${target.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${target.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${String(response.status)}`);
  return response.json();
}

/** An agentflow (Start → Direct Reply) that answers `reply` without any model. */
export async function createReplyFlow(
  target: ContractTarget,
  name: string,
  reply: string,
): Promise<string> {
  const flow = (await call(target, 'POST', '/chatflows', {
    name,
    type: 'AGENTFLOW',
    flowData: directReplyFlow(reply),
  })) as { id: string };
  return flow.id;
}

export async function deleteFlow(target: ContractTarget, id: string): Promise<void> {
  await call(target, 'DELETE', `/chatflows/${id}`);
}
