// The Flowise client's contract, written once and run against the fake (fake.contract.test.ts) and
// a real Flowise 3.1.4 (real.contract.test.ts): whatever passes here holds for both.
// Everything a run creates carries a per-run name and is deleted afterwards.
import { afterAll, beforeAll, describe } from 'vitest';

import { chatflowsContract } from './contract-chatflows.js';
import type { ContractContext } from './contract-context.js';
import { contractContext } from './contract-context.js';
import { credentialsContract } from './contract-credentials.js';
import { keysContract } from './contract-keys.js';
import { serverContract } from './contract-server.js';
import type { ContractTarget } from './flowise-fixtures.js';

export type { ContractTarget } from './flowise-fixtures.js';

/** `target` is read in beforeAll, so a server started by an outer beforeAll can supply it. */
export function defineFlowiseClientContract(
  label: string,
  target: () => ContractTarget | Promise<ContractTarget>,
): void {
  describe(`Flowise client contract (${label})`, () => {
    let context: ContractContext | undefined;
    const ctx = (): ContractContext => {
      if (context === undefined) throw new Error('the contract target is not ready');
      return context;
    };
    beforeAll(async () => {
      context = contractContext(await target());
    });
    afterAll(async () => {
      await context?.cleanup.run();
    });

    describe('server', () => {
      serverContract(ctx);
    });
    describe('API keys', () => {
      keysContract(ctx);
    });
    describe('chatflows', () => {
      chatflowsContract(ctx);
    });
    describe('credentials', () => {
      credentialsContract(ctx);
    });
  });
}
