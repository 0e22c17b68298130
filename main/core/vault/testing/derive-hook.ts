// A seam in the key derivation for tests: `hookedKdf` wraps ./kdf.js so that `hooks.onDerive`, when
// set, runs once the derivation has started and before it has finished (then clears itself).
// Use it from a vi.mock factory, which is hoisted, so import it there:
//   vi.mock('./kdf.js', async (importOriginal) =>
//     (await import('./testing/derive-hook.js')).hookedKdf(await importOriginal()));
import type * as Kdf from '../kdf.js';

export const hooks: { onDerive: (() => void) | undefined } = { onDerive: undefined };

export function hookedKdf(original: typeof Kdf): typeof Kdf {
  return {
    ...original,
    deriveKek: (...args: Parameters<typeof original.deriveKek>) => {
      const pending = original.deriveKek(...args);
      const hook = hooks.onDerive;
      hooks.onDerive = undefined;
      hook?.();
      return pending;
    },
  };
}
