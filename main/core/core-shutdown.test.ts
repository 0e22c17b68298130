// Quitting must not leave a vault write running behind it: the shell (and the harness) remove or
// hand over the data folder as soon as shutdown resolves.
import { describe, expect, it } from 'vitest';

import { createCore } from './create-core.js';
import { createNodeHttp } from './flowise/node-http.js';
import { FakeClock } from './testing/fake-clock.js';
import { MemoryClipboard } from './testing/memory-clipboard.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
  RecordingEventSink,
} from './testing/memory-ports.js';
import { MemoryVaultFileStore } from './vault/testing/memory-file-store.js';

const PASSWORD = 'a long enough password';

/** A file store whose writes wait, once held, until released. */
class HeldFileStore extends MemoryVaultFileStore {
  held = false;
  readonly waiting: (() => void)[] = [];
  writeStarted: Promise<void> = new Promise(() => undefined);
  private started: () => void = () => undefined;

  hold(): void {
    this.held = true;
    this.writeStarted = new Promise((resolve) => {
      this.started = resolve;
    });
  }

  override async write(data: Uint8Array): Promise<void> {
    if (this.held) {
      this.started();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    await super.write(data);
  }

  release(): void {
    this.held = false;
    for (const go of this.waiting.splice(0)) go();
  }
}

describe('core shutdown', () => {
  it('waits for a vault write already under way before it resolves', async () => {
    const files = new HeldFileStore();
    const core = createCore({
      files,
      protector: new InMemoryKeyProtector(),
      state: new MemoryStateStore(),
      clock: new FakeClock(),
      events: new RecordingEventSink(),
      logger: new MemoryLogger(),
      host: { version: 'test', platform: 'linux', host: 'harness' },
      http: createNodeHttp(),
      clipboard: new MemoryClipboard(),
      osUser: 'tester',
      kdf: { params: { memoryKiB: 1024, iterations: 1, parallelism: 1 } },
    });
    await core.impl.vault.create({ password: PASSWORD });
    files.hold();
    const saving = Promise.resolve(
      core.impl.vault.changePassword({ current: PASSWORD, next: 'another long enough password' }),
    ).catch(() => undefined);
    await files.writeStarted;

    let done = false;
    const shutdown = core.shutdown().then(() => {
      done = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);

    files.release();
    await shutdown;
    await saving;
    expect(files.waiting).toHaveLength(0);
  });
});
