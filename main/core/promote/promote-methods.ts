// The promote.* methods: credentials and keys moved from one instance to another, and the flow
// check that says which credentials a flow still lacks on the target.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import { copyCredentials, planCredentialCopy } from './credential-copy.js';
import { checkFlow } from './flow-check.js';
import { planKeyPromotion, promoteKey } from './key-promote.js';
import type { PromoteDeps } from './promote-deps.js';

export function createPromoteMethods(deps: PromoteDeps): ApiImpl['promote'] {
  return {
    credentialsPlan: (args) => planCredentialCopy(deps, args),
    credentials: (args) => copyCredentials(deps, args),
    keyPlan: (args) => planKeyPromotion(deps, args),
    key: (args) => promoteKey(deps, args),
    flowCheck: (args) => checkFlow(deps, args),
  };
}
