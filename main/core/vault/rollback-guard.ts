// The highest write counter this installation has ever seen. Kept outside the vault file (in the
// non-secret state store) so that copying an older vault file over the current one is noticed.
import type { StateStore } from '../ports.js';

export const HIGHEST_COUNTER_KEY = 'vault.highestCounter';

export function highestCounter(state: StateStore): number {
  const value = state.get(HIGHEST_COUNTER_KEY);
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** Only ever raises the stored value. */
export function recordCounter(state: StateStore, counter: number): void {
  if (counter > highestCounter(state)) state.set(HIGHEST_COUNTER_KEY, counter);
}
