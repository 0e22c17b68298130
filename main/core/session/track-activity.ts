// A call from the renderer counts as user activity for the idle timer, except
// the passive reads a UI makes on its own (polling status, loading settings):
// counting those would keep an unattended vault open forever.
import type { ApiImpl } from '../../../common/ipc/contract.js';

type Table = Record<string, Record<string, (...args: unknown[]) => unknown>>;

const PASSIVE = new Set(['app.info', 'vault.status', 'settings.get']);

export function trackActivity(impl: ApiImpl, touch: () => void): ApiImpl {
  const table = impl as unknown as Table;
  const wrapped: Table = {};
  for (const [namespace, methods] of Object.entries(table)) {
    wrapped[namespace] = Object.fromEntries(
      Object.entries(methods).map(([name, fn]) => {
        if (PASSIVE.has(`${namespace}.${name}`)) return [name, fn];
        const tracked = async (...args: unknown[]): Promise<unknown> => {
          const result: unknown = await fn(...args);
          touch();
          return result;
        };
        return [name, tracked];
      }),
    );
  }
  return wrapped as unknown as ApiImpl;
}
