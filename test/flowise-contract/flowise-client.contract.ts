// The Flowise client's contract, written once and run against the fake in each generation mode
// (fake.contract.test.ts) and each real release npm test starts (real.contract.test.ts): whatever
// passes here holds for both. Where a line differs, it gets its own test, never a skipped one.
// Everything a run creates carries a per-run name and is deleted afterwards.
import { afterAll, beforeAll, describe } from 'vitest';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { chatflowsContract } from './contract-chatflows.js';
import type { ContractContext } from './contract-context.js';
import { contractContext } from './contract-context.js';
import { credentialsContract } from './contract-credentials.js';
import { etagContract } from './contract-etag.js';
import { keysContract } from './contract-keys.js';
import { serverContract } from './contract-server.js';
import type { ContractTarget } from './flowise-fixtures.js';

export type { ContractTarget } from './flowise-fixtures.js';

/** `target` is read in beforeAll, so a server started by an outer beforeAll can supply it. */
export function defineFlowiseClientContract(
  label: string,
  generation: FlowiseGeneration,
  target: () => ContractTarget | Promise<ContractTarget>,
): void {
  describe(`Flowise client contract (${label})`, () => {
    let context: ContractContext | undefined;
    const ctx = (): ContractContext => {
      if (context === undefined) throw new Error('the contract target is not ready');
      return context;
    };
    beforeAll(async () => {
      const found = await target();
      if (found.generation !== generation)
        throw new Error(`the target is a ${found.generation} server, not ${generation}`);
      context = contractContext(found);
    });
    afterAll(async () => {
      await context?.cleanup.run();
    });

    describe('server', () => {
      serverContract(ctx, generation);
    });
    describe('API keys', () => {
      keysContract(ctx, generation);
    });
    describe('chatflows', () => {
      chatflowsContract(ctx, generation);
    });
    describe('credentials', () => {
      credentialsContract(ctx);
    });
    describe('lists read again', () => {
      etagContract(ctx, generation);
    });
  });
}
