import { describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';
import { ChatflowRow } from '../flowise/flowise-schemas.js';
import { credentialIdsIn, scanUsage, usageFromFlows } from './credential-usage.js';

const A = '0f6a2d4e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const B = '7e1c0b9a-2d3e-4f50-9a8b-c7d6e5f4a3b2';
const C = 'ab12cd34ef56ab12cd34ef56ab12cd34';

const flow = (id: string, name: string, data?: unknown, type = 'CHATFLOW'): ChatflowRow =>
  ChatflowRow.parse({
    id,
    name,
    type,
    ...(data === undefined ? {} : { flowData: JSON.stringify(data) }),
  });

describe('credential usage', () => {
  it('finds credential ids wherever Flowise puts them', () => {
    const data = {
      nodes: [
        { data: { credential: A, inputs: {} } },
        { data: { inputs: { credential: 'custom-id' } } },
        { data: { inputs: { llmModelConfig: { FLOWISE_CREDENTIAL_ID: B.toUpperCase() } } } },
        { data: { inputs: { tools: JSON.stringify([{ credentialId: C }]) } } },
      ],
    };
    expect(credentialIdsIn(JSON.stringify(data))).toEqual(new Set([A, 'custom-id', B, C]));
    expect(credentialIdsIn(`not json but names ${A}`)).toEqual(new Set([A]));
  });

  it('maps each credential to the flows that use it, once per flow', () => {
    const usage = usageFromFlows([
      flow('f1', 'support bot', {
        nodes: [{ data: { credential: A } }, { data: { credential: A } }],
      }),
      flow(
        'f2',
        'agent',
        { nodes: [{ data: { inputs: { FLOWISE_CREDENTIAL_ID: A } } }] },
        'AGENTFLOW',
      ),
      flow('f3', 'other', { nodes: [{ data: { credential: B } }] }),
      flow('f4', 'no data'),
    ]);
    expect(usage.status).toEqual({ checked: true });
    expect(usage.flowsOf(A.toUpperCase())).toEqual([
      { id: 'f1', name: 'support bot', type: 'CHATFLOW' },
      { id: 'f2', name: 'agent', type: 'AGENTFLOW' },
    ]);
    expect(usage.flowsOf(C)).toEqual([]);
  });

  it('fetches flowData for flows listed without it, and reports usage as unchecked on error', async () => {
    const full = flow('f1', 'one', { nodes: [{ data: { credential: A } }] });
    const bare = flow('f1', 'one');
    const client = {
      listChatflows: () => Promise.resolve([bare]),
      getChatflow: () => Promise.resolve(full),
    } as unknown as FlowiseClient;
    expect((await scanUsage(client)).flowsOf(A).map((f) => f.id)).toEqual(['f1']);

    const refused = {
      listChatflows: () => Promise.reject(new AppError('forbidden', 'no chatflows:view')),
    } as unknown as FlowiseClient;
    const unchecked = await scanUsage(refused);
    expect(unchecked.status).toEqual({
      checked: false,
      error: { code: 'forbidden', message: 'no chatflows:view' },
    });
    expect(unchecked.flowsOf(A)).toEqual([]);
  });
});
