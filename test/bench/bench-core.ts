// The core every bench drives: test/integration/disk-core.ts, named as a bench.
import type { Api } from '../../common/ipc/contract.js';
import type { Core, CorePorts } from '../../main/core/create-core.js';
import { createDiskCore } from '../integration/disk-core.js';

export function createBenchCore(
  dir: string,
  extra: Partial<CorePorts> = {},
): { core: Core; api: Api } {
  return createDiskCore(dir, {
    host: { version: 'bench', platform: process.platform, host: 'harness' },
    osUser: 'bench',
    ...extra,
  });
}
