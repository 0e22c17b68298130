// The renderer's Api wired straight to the core's checked handlers: every call is validated and
// its result checked exactly as over IPC, without a process boundary.
import type { Api } from '../../common/ipc/contract.js';
import { contract } from '../../common/ipc/contract.js';
import { createApi, createRawApi } from '../../common/ipc/client.js';
import { buildHandlers } from '../../common/ipc/rpc.js';
import type { Core } from '../../main/core/create-core.js';
import type { RecordingEventSink } from '../../main/core/testing/memory-ports.js';

export function inProcessApi(core: Core, events: RecordingEventSink): Api {
  const handlers = buildHandlers(contract, core.impl);
  const raw = createRawApi(
    contract,
    (channel, args) => {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`no handler for ${channel}`);
      return handler(args);
    },
    (event, listener) =>
      events.subscribe((recorded) => {
        if (recorded.event === event) listener(recorded.payload);
      }),
  );
  return createApi(contract, raw);
}
