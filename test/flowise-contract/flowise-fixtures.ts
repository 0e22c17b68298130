// Set-up the client has no methods for (it never creates or deletes chatflows): raw calls with the
// admin key, used only to give the contract suite a flow to bind and run.
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { flowiseRest } from '../flowise/flowise-rest.js';

export interface ContractTarget {
  url: string;
  apiKey: string;
  /** What the server's /version answers, and the line that puts it in. */
  version: string;
  generation: FlowiseGeneration;
}

/** A flow that answers `reply` without any model, in this server's line's shape. */
export async function createReplyFlow(
  target: ContractTarget,
  name: string,
  reply: string,
): Promise<string> {
  return (await flowiseRest(target).createFlow(name, reply)).id;
}

export async function deleteFlow(target: ContractTarget, id: string): Promise<void> {
  await flowiseRest(target).call('DELETE', `/chatflows/${id}`);
}
