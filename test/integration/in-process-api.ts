// The renderer's Api wired straight to the core's checked handlers: every call is validated and
// its result checked exactly as over IPC, without a process boundary.
import type { Api } from '../../common/ipc/contract.js';
import { contract } from '../../common/ipc/contract.js';
import { createLocalApi } from '../../common/ipc/client.js';
import type { Core } from '../../main/core/create-core.js';
import type { RelayEventSink } from '../../main/core/testing/memory-ports.js';

export function inProcessApi(core: Core, events: RelayEventSink): Api {
  return createLocalApi(contract, core.impl, {
    subscribe: (event, listener) =>
      events.subscribe((recorded) => {
        if (recorded.event === event) listener(recorded.payload);
      }),
  });
}
