// Chatflows, as far as key binding goes. A flow accepts exactly one key (`apikeyid`); PUT is a
// partial update, and "" is what Flowise's own UI sends for "No Authorization".
import type { Transport } from './flowise-transport.js';
import type { ChatflowRow } from './flowise-schemas.js';
import { ChatflowList, ChatflowRow as ChatflowSchema } from './flowise-schemas.js';
import { checkId, segment } from './input-checks.js';

export interface ChatflowsApi {
  /** Every type (chatflows, agentflows, multi-agents, assistants), unpaged. */
  listChatflows(): Promise<ChatflowRow[]>;
  getChatflow(id: string): Promise<ChatflowRow>;
  /** Binds the flow to one API key, or to none with null. Flowise does not check the key id. */
  setChatflowKey(chatflowId: string, keyId: string | null): Promise<ChatflowRow>;
}

export function createChatflowsApi(t: Transport): ChatflowsApi {
  const subject = (id: string): string => `Chatflow ${id}`;
  return {
    listChatflows: () => t.json('GET', '/chatflows', ChatflowList, { conditional: true }),
    async getChatflow(id) {
      const flowId = checkId(id, 'chatflow');
      return t.json('GET', `/chatflows/${segment(flowId)}`, ChatflowSchema, {
        subject: subject(flowId),
      });
    },
    async setChatflowKey(chatflowId, keyId) {
      const flowId = checkId(chatflowId, 'chatflow');
      const apikeyid = keyId === null ? '' : checkId(keyId, 'API key');
      return t.json('PUT', `/chatflows/${segment(flowId)}`, ChatflowSchema, {
        body: { apikeyid },
        subject: subject(flowId),
      });
    },
  };
}
