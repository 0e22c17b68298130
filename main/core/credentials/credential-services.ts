// Builds credentials.* from its parts, so the composition root wires it with one call.
import { createCredentialMutations } from './credential-mutations.js';
import { createCredentialReads } from './credential-reads.js';
import { createCredentialRotation } from './credential-rotation.js';
import type { CredentialsDeps, CredentialsService } from './credentials-deps.js';

export function createCredentialServices(deps: CredentialsDeps): CredentialsService {
  return {
    ...createCredentialReads(deps),
    ...createCredentialMutations(deps),
    ...createCredentialRotation(deps),
  };
}
