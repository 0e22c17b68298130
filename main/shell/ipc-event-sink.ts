// The core's EventSink over IPC. Like Fiddle's ready queue, events wait while the renderer is
// (re)loading, so one emitted during startup or right after a lock-reload is not lost.
import type { WebContents } from 'electron';

import { ipcEventChannel } from '../../common/ipc/channel-names.js';
import type { EventSink } from '../core/ports.js';

/** Enough for any burst we emit; a renderer that never loads must not grow memory forever. */
const MAX_QUEUED = 100;

export interface IpcEventSink extends EventSink {
  /** Watches this window's loads: sends the queue on did-finish-load, queues again on reload. */
  track(contents: WebContents): void;
}

export function createIpcEventSink(getWebContents: () => WebContents | undefined): IpcEventSink {
  const loaded = new WeakSet<WebContents>();
  const queue: { channel: string; payload: unknown }[] = [];

  const flush = (contents: WebContents): void => {
    if (contents.isDestroyed() || !loaded.has(contents)) return;
    for (const { channel, payload } of queue.splice(0)) contents.send(channel, payload);
  };

  return {
    emit(event, payload) {
      const channel = ipcEventChannel(event);
      const contents = getWebContents();
      if (contents !== undefined && !contents.isDestroyed() && loaded.has(contents)) {
        contents.send(channel, payload);
        return;
      }
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push({ channel, payload });
    },
    track(contents) {
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) loaded.delete(contents);
      });
      contents.on('did-finish-load', () => {
        loaded.add(contents);
        if (getWebContents() === contents) flush(contents);
      });
    },
  };
}
