// The contract, part 5: lists read again with If-None-Match. Flowise (Express) tags every answer
// with a hash of its body; the client keeps each list with its tag and takes a 304 as the very
// same list, so an unchanged list must come back 304 and a changed one whole, on every line.
import { expect, it } from 'vitest';

import { createConditionalReads } from '../../main/core/flowise/conditional-reads.js';
import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import type { FlowiseClient } from '../../main/core/flowise/flowise-client.js';
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import type { HttpPort } from '../../main/core/ports.js';
import type { ContractContext } from './contract-context.js';

interface Seen {
  path: string;
  asked: boolean;
  status: number;
}

/** A client that keeps lists, over a port that notes each list read's path and answer. */
function conditionalClient(ctx: ContractContext): { client: FlowiseClient; seen: Seen[] } {
  const http = createNodeHttp();
  const seen: Seen[] = [];
  const recording: HttpPort = {
    ...http,
    async request(request) {
      const answer = await http.request(request);
      seen.push({
        path: new URL(request.url).pathname.replace(/^.*\/api\/v1/, ''),
        asked: request.headers['if-none-match'] !== undefined,
        status: answer.status,
      });
      return answer;
    },
  };
  const client = createFlowiseClient({
    http: recording,
    baseUrl: ctx.target.url,
    apiKey: ctx.target.apiKey,
    timeoutMs: 20_000,
    reads: createConditionalReads(),
  });
  return { client, seen };
}

export function etagContract(ctx: () => ContractContext, generation: FlowiseGeneration): void {
  it('answers an unchanged list 304 to its own tag, and a changed one whole', async () => {
    const { client, seen } = conditionalClient(ctx());
    const lists = [
      ['/apikey', () => client.listKeys()],
      ['/chatflows', () => client.listChatflows()],
      ['/credentials', () => client.listCredentials()],
    ] as const;
    for (const [path, read] of lists) {
      const first = await read();
      expect(await read()).toBe(first);
      expect(seen.filter((s) => s.path === path).map((s) => [s.asked, s.status])).toEqual([
        [false, 200],
        [true, 304],
      ]);
    }
    const { cleanup, name } = ctx();
    const before = await client.listKeys();
    const made = await client.createKey({
      keyName: name('etag'),
      ...(generation === '3.0.13+' ? { permissions: ['chatflows:view'] } : {}),
    });
    cleanup.add(() => client.deleteKey(made.id));
    const after = await client.listKeys();
    expect(after).not.toBe(before);
    expect(after.map((k) => k.id)).toContain(made.id);
  });
}
