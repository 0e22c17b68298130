import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ipcEventChannel } from '../../common/ipc/channel-names.js';
import { RecordingEventSink } from '../core/testing/memory-ports.js';
import { createIpcEventSink } from './ipc-event-sink.js';
import { reloadOnLock } from './reload-on-lock.js';
import { FakeWebContents, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const asReal = (contents: FakeWebContents): WebContents => contents as unknown as WebContents;

function setup() {
  const contents = new FakeWebContents();
  let current: FakeWebContents | undefined = contents;
  const sink = createIpcEventSink(() => (current === undefined ? undefined : asReal(current)));
  sink.track(asReal(contents));
  return {
    contents,
    sink,
    close: () => {
      current = undefined;
    },
  };
}

describe('createIpcEventSink', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('queues events until the renderer has loaded, then sends them in order', () => {
    const { contents, sink } = setup();
    sink.emit('vault.unlocked', {});
    sink.emit('vault.locked', { reason: 'idle' });
    expect(contents.sent).toEqual([]);

    contents.finishLoad();
    expect(contents.sent).toEqual([
      { channel: ipcEventChannel('vault.unlocked'), payload: {} },
      { channel: ipcEventChannel('vault.locked'), payload: { reason: 'idle' } },
    ]);
  });

  it('sends at once after load, and queues again while the page reloads', () => {
    const { contents, sink } = setup();
    contents.finishLoad();
    sink.emit('vault.unlocked', {});
    expect(contents.sent).toHaveLength(1);

    contents.startNavigation();
    sink.emit('vault.locked', { reason: 'manual' });
    expect(contents.sent).toHaveLength(1);
    contents.finishLoad();
    expect(contents.sent.at(-1)).toEqual({
      channel: ipcEventChannel('vault.locked'),
      payload: { reason: 'manual' },
    });
  });

  it('ignores in-page navigations', () => {
    const { contents, sink } = setup();
    contents.finishLoad();
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    sink.emit('vault.unlocked', {});
    expect(contents.sent).toHaveLength(1);
  });

  it('keeps events while there is no window, and never sends to a destroyed one', () => {
    const { contents, sink, close } = setup();
    contents.finishLoad();
    contents.destroyed = true;
    sink.emit('vault.unlocked', {});
    close();
    sink.emit('vault.locked', { reason: 'sleep' });
    expect(contents.sent).toEqual([]);
  });

  it('bounds the queue', () => {
    const { contents, sink } = setup();
    for (let i = 0; i < 150; i += 1) sink.emit('vault.unlocked', {});
    contents.finishLoad();
    expect(contents.sent).toHaveLength(100);
  });
});

describe('reloadOnLock', () => {
  it('forwards every event and reloads the renderer after a lock', () => {
    const contents = new FakeWebContents();
    const inner = new RecordingEventSink();
    const events = reloadOnLock(inner, () => asReal(contents));

    events.emit('vault.unlocked', {});
    expect(contents.reloads).toBe(0);
    for (const reason of ['manual', 'idle', 'screen', 'sleep'] as const) {
      events.emit('vault.locked', { reason });
    }
    expect(contents.reloads).toBe(4);
    expect(inner.events.map((e) => e.event)).toEqual([
      'vault.unlocked',
      'vault.locked',
      'vault.locked',
      'vault.locked',
      'vault.locked',
    ]);
  });

  it('does not reload when quitting, or when there is no live window', () => {
    const contents = new FakeWebContents();
    let current: FakeWebContents | undefined = contents;
    const events = reloadOnLock(new RecordingEventSink(), () =>
      current === undefined ? undefined : asReal(current),
    );
    events.emit('vault.locked', { reason: 'quit' });
    contents.destroyed = true;
    events.emit('vault.locked', { reason: 'idle' });
    current = undefined;
    events.emit('vault.locked', { reason: 'idle' });
    expect(contents.reloads).toBe(0);
  });
});
