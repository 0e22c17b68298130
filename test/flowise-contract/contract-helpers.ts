// What every contract test checks about a failure: the code, and that no key is in what a person
// or a log would see.
import { expect } from 'vitest';

import type { AppError, ErrorCode } from '../../common/errors.js';
import { isAppError } from '../../common/errors.js';

export async function expectFailure(
  promise: Promise<unknown>,
  code: ErrorCode,
  secrets: readonly string[],
): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!isAppError(caught)) throw new Error(`expected an AppError ${code}, got ${String(caught)}`);
  expect(caught.code).toBe(code);
  const visible = `${caught.message} ${JSON.stringify(caught.details ?? {})}`;
  for (const secret of secrets) expect(visible).not.toContain(secret);
  return caught;
}

/** Runs every step even when one fails, so a broken test still cleans up after itself. One at a
 * time: 2.x with api.json storage loses every key when a read meets a write
 * (docs/flowise-versions.md). */
export class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    const results: PromiseSettledResult<unknown>[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        results.push({ status: 'fulfilled', value: await step() });
      } catch (reason) {
        results.push({ status: 'rejected', reason });
      }
    }
    const failed = results.filter(
      (r): r is PromiseRejectedResult =>
        r.status === 'rejected' && !isAppError(r.reason, 'not_found'),
    );
    if (failed.length > 0) throw new Error(`${String(failed.length)} clean-up steps failed`);
  }
}
