// The wiring, end to end in Node: real vault files in a temp folder, fake clock, recorded events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Core } from './create-core.js';
import { createCore } from './create-core.js';
import { createNodeHttp } from './flowise/node-http.js';
import { MemoryClipboard } from './testing/memory-clipboard.js';
import { FakeClock } from './testing/fake-clock.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from './testing/memory-ports.js';
import { createNodeVaultFileStore } from './vault/node-file-store.js';

const PASSWORD = 'a long enough password';
let dir: string;
let clock: FakeClock;
let events: RecordingEventSink;
let logger: MemoryLogger;
let core: Core;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fkv-core-'));
  clock = new FakeClock();
  events = new RecordingEventSink();
  logger = new MemoryLogger();
  core = createCore({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock,
    events,
    logger,
    host: { version: 'test', platform: 'linux', host: 'harness' },
    http: createNodeHttp(),
    clipboard: new MemoryClipboard(),
    osUser: 'tester',
    kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
  });
});

afterEach(async () => {
  await core.shutdown();
  await rm(dir, { recursive: true, force: true });
});

const lockEvents = (): unknown[] =>
  events.events.filter((e) => e.event === 'vault.locked').map((e) => e.payload);

describe('createCore', () => {
  it('creates an unlocked vault and reports it', async () => {
    expect((await core.impl.vault.status()).state).toBe('none');
    const status = await core.impl.vault.create({ password: PASSWORD });
    expect(status.state).toBe('unlocked');
    expect(events.events.map((e) => e.event)).toContain('vault.unlocked');
  });

  it('locks after the idle minutes, and activity postpones it', async () => {
    await core.impl.vault.create({ password: PASSWORD });
    await core.impl.settings.update({ autoLockMinutes: 2 });
    clock.advance(90_000);
    await core.impl.session.activity();
    clock.advance(90_000);
    expect((await core.impl.vault.status()).state).toBe('unlocked');
    clock.advance(30_000);
    const status = await core.impl.vault.status();
    expect(status).toMatchObject({ state: 'locked', lastLockReason: 'idle' });
    expect(lockEvents()).toEqual([{ reason: 'idle' }]);
  });

  it('locks for the shell on screen lock, sleep and quit, once each time', async () => {
    await core.impl.vault.create({ password: PASSWORD });
    core.lock('screen');
    core.lock('sleep');
    expect(lockEvents()).toEqual([{ reason: 'screen' }]);
    await core.impl.vault.unlock({ password: PASSWORD });
    await core.shutdown();
    expect(lockEvents()).toEqual([{ reason: 'screen' }, { reason: 'quit' }]);
    expect(clock.timerCount).toBe(0);
  });

  it('keeps the wrong-password path free of writes and secrets', async () => {
    await core.impl.vault.create({ password: PASSWORD });
    await core.impl.vault.lock();
    await expect(core.impl.vault.unlock({ password: 'nope nope nope' })).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect(JSON.stringify(logger.lines)).not.toContain(PASSWORD);
    expect(JSON.stringify(events.events)).not.toContain(PASSWORD);
  });

  it('never arms the idle timer while locked', async () => {
    await core.impl.vault.create({ password: PASSWORD });
    await core.impl.vault.lock();
    await core.impl.session.activity();
    expect(clock.timerCount).toBe(0);
  });
});
