// The app.* methods: what the host told the core about itself, as it is.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { HostInfo } from '../ports.js';

export function createAppMethods(host: HostInfo): ApiImpl['app'] {
  return { info: () => host };
}
