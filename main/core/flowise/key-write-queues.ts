// Flowise 2.x with api.json storage rewrites the whole file on every key change, from a copy it
// read a moment before: two changes at once leave only the later one (docs/flowise-versions.md).
// Clients are made per call, so the queue of each server lives here, shared by all of them.
import { SerialQueue } from '../vault/serial-queue.js';

export interface KeyWriteQueues {
  /** The queue of the server at `base` (origin and path). */
  of(base: string): SerialQueue;
}

export function createKeyWriteQueues(): KeyWriteQueues {
  const queues = new Map<string, SerialQueue>();
  return {
    of: (base) => {
      let queue = queues.get(base);
      if (queue === undefined) {
        queue = new SerialQueue();
        queues.set(base, queue);
      }
      return queue;
    },
  };
}
