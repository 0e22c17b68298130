// Work over many flows or keys at once, a few at a time, where every item is tried and the
// failures are reported together.
import { AppError, toWireError } from '../../../common/errors.js';
import { countOf } from '../../../common/words.js';

/** Runs `task` over `items`, at most `limit` at a time; every item is tried. Returns the items
 * whose task threw, each with its error, in the order they failed. */
export async function eachSettled<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<{ item: T; error: unknown }[]> {
  let next = 0;
  const failures: { item: T; error: unknown }[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return failures;
}

/** As eachSettled, then the first error (if any) is thrown, so the caller knows exactly which
 * items went through. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const [first] = await eachSettled(items, limit, task);
  if (first !== undefined) throw first.error;
}

/** As eachSettled over flows; when any failed, one error names every one of them (the person
 * has to check each), with the first failure's code and reason. */
export async function eachFlow<T extends { name: string }>(
  flows: readonly T[],
  limit: number,
  task: (flow: T) => Promise<void>,
): Promise<void> {
  const failures = await eachSettled(flows, limit, task);
  const [first] = failures;
  if (first === undefined) return;
  const wire = toWireError(first.error);
  const names = failures.map((f) => `"${f.item.name}"`).join(', ');
  throw new AppError(
    wire.code,
    `${countOf(failures.length, 'flow')} failed: ${names}. ${failures.length > 1 ? 'The first error: ' : ''}${wire.message}`,
    { failedFlows: failures.map((f) => f.item.name).join(', '), failedCount: failures.length },
  );
}
