// Run by rotation-kill.test.ts in a child process: opens a new vault in the given folder, adds
// the (fake) Flowise as its instance, and rotates a key until the engine reaches the given point,
// where the process kills itself with SIGKILL: no cleanup, no last write.
// Usage: tsx rotation-kill-child.ts <dir> <keyId> <point> <nth> [revoke]; FKV_KILL_URL and
// FKV_KILL_ADMIN_KEY name the server (the key stays out of the process list).
import { createCore } from '../../main/core/create-core.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { inProcessApi } from './in-process-api.js';
import { addInstance } from './rotation-fixture.js';

const [dir = '', keyId = '', point = '', nth = '1', revoke] = process.argv.slice(2);
let seen = 0;
const events = new RecordingEventSink();
const core = createCore({
  files: createNodeVaultFileStore(dir),
  protector: new InMemoryKeyProtector(),
  state: new MemoryStateStore(),
  clock: new FakeClock(Date.now()),
  events,
  logger: new MemoryLogger(),
  host: { version: 'test', platform: 'linux', host: 'harness' },
  http: createNodeHttp(),
  clipboard: new MemoryClipboard(),
  osUser: 'tester',
  kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
  rotationHooks: {
    at(reached) {
      if (reached === point && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
    },
  },
});
const api = inProcessApi(core, events);
const instanceId = await addInstance(api, {
  url: process.env.FKV_KILL_URL ?? '',
  adminKey: process.env.FKV_KILL_ADMIN_KEY ?? '',
});
const started = await api.rotation.start({ instanceId, keyId });
if (revoke === 'revoke') await api.rotation.revoke({ rotationId: started.id });
// Reaching this line means the kill point was never passed.
process.exit(3);
