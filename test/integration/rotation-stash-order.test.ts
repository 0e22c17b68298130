// The new key's value is in the vault file on disk before any flow is moved to it: a crash right
// as the first flow moves must never leave flows on a key whose value only the server knows.
// The vault file is copied at the moment the fake Flowise receives the first rebind request, and
// that copy is opened on its own afterwards.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, expect, it } from 'vitest';

import type { Api } from '../../common/ipc/contract.js';
import type { Core } from '../../main/core/create-core.js';
import { createCore } from '../../main/core/create-core.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { createJournalStore } from '../../main/core/rotation/rotation-journal.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import { MemoryClipboard } from '../../main/core/testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from '../../main/core/testing/memory-ports.js';
import { MemoryVaultFileStore } from '../../main/core/vault/testing/memory-file-store.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { Vault } from '../../main/core/vault/vault.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import { PASSWORD } from './core-fixture.js';
import { inProcessApi } from './in-process-api.js';

const TINY_KDF = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

let dir: string;
let flowise: FakeFlowise;
let core: Core;
let api: Api;
/** The vault file as it was on disk when each chatflow PUT went out, with the key it binds. */
const atRebind: { bytes: Uint8Array; keyId: string }[] = [];

beforeEach(async () => {
  atRebind.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'fkv-stash-'));
  flowise = await startFakeFlowise();
  const files = createNodeVaultFileStore(dir);
  const http = createNodeHttp();
  const events = new RecordingEventSink();
  core = createCore({
    files,
    http: {
      request: async (request) => {
        if (request.method === 'PUT' && /\/chatflows\/[^/]+$/.test(new URL(request.url).pathname)) {
          const body = JSON.parse(request.body ?? '{}') as { apikeyid?: string };
          atRebind.push({ bytes: await readFile(files.path), keyId: body.apikeyid ?? '' });
        }
        return http.request(request);
      },
    },
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(Date.now()),
    events,
    logger: new MemoryLogger(),
    host: { version: 'test', platform: 'linux', host: 'harness' },
    clipboard: new MemoryClipboard(),
    osUser: 'tester',
    kdf: { params: TINY_KDF },
  });
  api = inProcessApi(core, events);
  await api.vault.create({ password: PASSWORD });
});
afterEach(async () => {
  await core.shutdown().catch(() => undefined);
  await flowise.close();
  await rm(dir, { recursive: true, force: true });
});

/** The rotation journals in a copy of the vault file, opened by a vault of its own. */
async function journalsIn(bytes: Uint8Array) {
  const files = new MemoryVaultFileStore();
  files.file = bytes;
  const vault = new Vault({
    files,
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(Date.now()),
    logger: new MemoryLogger(),
    kdf: { params: TINY_KDF },
  });
  // A copy has no history here to check against.
  await vault.unlock(PASSWORD, { allowRollback: true });
  return createJournalStore(vault).all();
}

it("saves the new key's value in the vault file before any flow is moved to it", async () => {
  const { id: instanceId } = await api.instances.add({
    name: 'fake',
    baseUrl: flowise.url,
    adminKey: flowise.adminKey,
  });
  const old = flowise.addKey('deploy', ['chatflows:view', 'apikeys:view']);
  for (const name of ['a', 'b', 'c']) flowise.addChatflow(name, { apikeyid: old.id });

  const started = await api.rotation.start({ instanceId, keyId: old.id });
  expect(started.status).toBe('waiting');
  const fresh = flowise.state.keys.get(started.newKey?.id ?? '');
  expect(fresh).toBeDefined();

  // Every flow move, the first included, went out after the file held the value.
  expect(atRebind).toHaveLength(3);
  const [first] = atRebind;
  if (first === undefined) throw new Error('no rebind request');
  expect(first.keyId).toBe(fresh?.id);
  const journal = (await journalsIn(first.bytes)).find((j) => j.id === started.id);
  expect(journal?.newKey).toMatchObject({ id: fresh?.id, value: fresh?.apiKey });
  expect(journal?.reached).toBe('stash');
});
