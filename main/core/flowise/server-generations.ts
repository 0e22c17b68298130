// The generation of each server, found once and kept until the vault locks. Every key change
// depends on it (the shape of the request; on 2.x, waiting its turn), and clients are made per
// call, so without this each change read /version first. A lock forgets it: the server may be
// upgraded in the meantime, and a connection test replaces it with what the test found.
import type { FlowiseGeneration } from './generation.js';

export interface ServerGenerations {
  /** The generation of the server at `base` (origin and path), found by `detect` when not kept;
   * a failed detection is not kept. */
  of(base: string, detect: () => Promise<FlowiseGeneration>): Promise<FlowiseGeneration>;
  /** What a connection test of the server at `base` found. */
  found(base: string, generation: FlowiseGeneration): void;
  forget(): void;
}

export function createServerGenerations(): ServerGenerations {
  const kept = new Map<string, Promise<FlowiseGeneration>>();
  return {
    of(base, detect) {
      let generation = kept.get(base);
      if (generation === undefined) {
        generation = detect();
        kept.set(base, generation);
        generation.catch(() => {
          if (kept.get(base) === generation) kept.delete(base);
        });
      }
      return generation;
    },
    found(base, generation) {
      kept.set(base, Promise.resolve(generation));
    },
    forget() {
      kept.clear();
    },
  };
}
