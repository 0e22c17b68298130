// The client contract against the real Flowise started by the `flowise` vitest project's
// globalSetup (test/flowise/), which provides its address, version and a full-access key.
// npm test (test/run-tests.ts) runs it once per supported release.
import { inject } from 'vitest';

import { defineFlowiseClientContract } from './flowise-client.contract.js';
import type { ContractTarget } from './flowise-fixtures.js';

function provided(): ContractTarget {
  // Typed as always there, but absent when this file runs outside the `flowise` project.
  const target = inject('flowise') as Partial<ContractTarget> | undefined;
  if (
    typeof target?.url !== 'string' ||
    typeof target.apiKey !== 'string' ||
    typeof target.version !== 'string' ||
    target.generation === undefined
  )
    throw new Error(
      'No real Flowise was provided: run this file through the `flowise` vitest project.',
    );
  const { url, apiKey, version, generation } = target;
  return { url, apiKey, version, generation };
}

const { version, generation } = inject('flowise');
defineFlowiseClientContract(`real Flowise ${version}`, generation, provided);
