// The client contract against a real Flowise 3.1.4, started by the `flowise` vitest project's
// globalSetup (test/flowise/), which provides its address and a full-permission key.
import { inject } from 'vitest';

import { defineFlowiseClientContract } from './flowise-client.contract.js';
import type { ContractTarget } from './flowise-fixtures.js';

function provided(): ContractTarget {
  // Typed as always there, but absent when this file runs outside the `flowise` project.
  const target = inject('flowise') as Partial<ContractTarget> | undefined;
  if (typeof target?.url !== 'string' || typeof target.apiKey !== 'string')
    throw new Error(
      'No real Flowise was provided: run this file through the `flowise` vitest project.',
    );
  return { url: target.url, apiKey: target.apiKey };
}

defineFlowiseClientContract('real Flowise 3.1.4', provided);
