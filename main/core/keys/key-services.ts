// Builds keys.* and chatflows.* from their parts, so the composition root stays a list of wires.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { KeyCopy } from './key-copy.js';
import { createKeyCopy } from './key-copy.js';
import { createKeyMutations } from './key-mutations.js';
import type { KeysDeps } from './keys-deps.js';
import { createKeyReads } from './keys-service.js';
import { createChatflowsService } from './chatflows-service.js';

export interface KeyServices {
  keys: ApiImpl['keys'];
  chatflows: ApiImpl['chatflows'];
  /** Voids reveal tickets and the re-auth window; called on every lock. */
  onLock(): void;
}

export function createKeyServices(deps: KeysDeps): KeyServices {
  const copy: KeyCopy = createKeyCopy(deps);
  const reads = createKeyReads(deps);
  const mutations = createKeyMutations(deps);
  const chatflows = createChatflowsService(deps, copy);
  return {
    keys: {
      ...reads,
      ...mutations,
      reveal: (args) => copy.reveal(args),
      copy: (args) => copy.copy(args),
    },
    chatflows,
    onLock: () => {
      copy.clear();
    },
  };
}
