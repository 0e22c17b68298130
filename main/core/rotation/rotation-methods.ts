// The rotation.* methods: the single-key engine (rotation-service.ts), with the bulk layer
// (rotation-batch.ts) on top of it.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import { createRotationBatch } from './rotation-batch.js';
import type { RotationDeps } from './rotation-deps.js';
import { createRotationService } from './rotation-service.js';

export function createRotationMethods(deps: RotationDeps): ApiImpl['rotation'] {
  const single = createRotationService(deps);
  const batch = createRotationBatch(deps, single);
  return {
    ...single,
    planMany: (selection) => batch.planMany(selection),
    startMany: (args) => batch.startMany(args),
    revokeMany: (args) => batch.revokeMany(args),
  };
}
