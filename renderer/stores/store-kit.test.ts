import { describe, expect, it, vi } from 'vitest';

import { AppError } from '../../common/errors.js';
import type { Outcome } from './store-kit.js';
import { attempt, errorOf, isVaultState, shownInstance, staleGuard } from './store-kit.js';

const SECRET = 'sk-store-kit-SECRET-0123456789abcdef';

/** A call that answers only when the test says so. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('attempt', () => {
  it('hands back the value of a call that answers', async () => {
    expect(await attempt(() => Promise.resolve(42))).toEqual({ ok: true, value: 42 });
  });

  it('maps an AppError to its code, words and details, and nothing else it carries', async () => {
    const error = Object.assign(
      new AppError('bad_request', 'That field is missing.', { fields: 'accessToken' }),
      { args: { accessToken: SECRET }, cause: new Error(SECRET) },
    );
    const outcome = await attempt(() => Promise.reject(error));
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'That field is missing.',
        details: { fields: 'accessToken' },
      },
    });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(outcome.ok || outcome.error instanceof Error).toBe(false);
  });

  it('turns anything that is not an AppError into the generic internal error', async () => {
    const outcome = await attempt(() => Promise.reject(new Error(`bad value ${SECRET}`)));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  });

  it('catches a call that throws before it returns a promise', async () => {
    const outcome = await attempt(() => {
      throw new AppError('vault_locked', 'The vault is locked.');
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'vault_locked' } });
  });
});

describe('errorOf and isVaultState', () => {
  it('gives null for a success and the error for a failure', () => {
    const error = { code: 'network', message: 'No route.' } as const;
    expect(errorOf({ ok: true, value: 1 })).toBeNull();
    expect(errorOf({ ok: false, error })).toBe(error);
  });

  it('knows a locked or missing vault from a page error', () => {
    expect(isVaultState({ code: 'vault_locked', message: '' })).toBe(true);
    expect(isVaultState({ code: 'vault_missing', message: '' })).toBe(true);
    expect(isVaultState({ code: 'network', message: '' })).toBe(false);
  });
});

describe('staleGuard', () => {
  it('drops a late answer to a call started before a bump, and still hands it to the caller', async () => {
    const guard = staleGuard();
    const call = deferred<string>();
    const keep = vi.fn<(outcome: Outcome<string>) => void>();
    const pending = guard.attempt(() => call.promise, keep);
    guard.bump();
    call.resolve('old answer');
    expect(await pending).toEqual({ ok: true, value: 'old answer' });
    expect(keep).not.toHaveBeenCalled();
  });

  it('drops a late failure too', async () => {
    const guard = staleGuard();
    const call = deferred<string>();
    const keep = vi.fn<(outcome: Outcome<string>) => void>();
    const pending = guard.attempt(() => call.promise, keep);
    guard.bump();
    call.reject(new AppError('network', 'No route.'));
    expect(await pending).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(keep).not.toHaveBeenCalled();
  });

  it('keeps the answer of a call nothing overtook', async () => {
    const guard = staleGuard();
    const keep = vi.fn<(outcome: Outcome<string>) => void>();
    await guard.attempt(() => Promise.resolve('fresh'), keep);
    expect(keep).toHaveBeenCalledWith({ ok: true, value: 'fresh' });
  });

  it('lets only the newest of two overlapping calls through', () => {
    const guard = staleGuard();
    const first = guard.start();
    guard.bump();
    const second = guard.start();
    expect([first(), second()]).toEqual([false, true]);
    guard.bump();
    expect(second()).toBe(false);
  });
});

function fakeView(shownId: string | null) {
  const view = {
    state: { instanceId: shownId, refresh: vi.fn(() => Promise.resolve()) },
    reset: vi.fn((instanceId: string | null) => {
      view.state = { ...view.state, instanceId };
    }),
    get refresh() {
      return view.state.refresh;
    },
  };
  const shown = shownInstance(staleGuard(), () => view.state, view.reset);
  return { view, shown };
}

describe('shownInstance', () => {
  it('asks for an instance first, without making the call, when none is shown', async () => {
    const { view, shown } = fakeView(null);
    const call = vi.fn(() => Promise.resolve('made'));
    expect(await shown.attempt(call)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await shown.change(call)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await shown.load(call, () => undefined);
    expect(call).not.toHaveBeenCalled();
    expect(view.refresh).not.toHaveBeenCalled();
  });

  it('makes the call against the shown instance', async () => {
    const { shown } = fakeView('prod');
    expect(await shown.attempt((id) => Promise.resolve(`asked ${id}`))).toEqual({
      ok: true,
      value: 'asked prod',
    });
  });

  it('refreshes after a change, and after a not_found, but not after other failures', async () => {
    const { view, shown } = fakeView('prod');
    await shown.change(() => Promise.resolve('changed'));
    expect(view.refresh).toHaveBeenCalledTimes(1);
    await shown.change(() => Promise.reject(new AppError('not_found', 'Gone.')));
    expect(view.refresh).toHaveBeenCalledTimes(2);
    await shown.change(() => Promise.reject(new AppError('network', 'No route.')));
    expect(view.refresh).toHaveBeenCalledTimes(2);
  });

  it('forgets the last instance when showing another, and drops its late answers', async () => {
    const { view, shown } = fakeView('prod');
    const call = deferred<string>();
    const keep = vi.fn<(outcome: Outcome<string>) => void>();
    const loading = shown.load(() => call.promise, keep);
    await shown.show('lab');
    expect(view.reset).toHaveBeenCalledWith('lab');
    call.resolve('prod list');
    await loading;
    expect(keep).not.toHaveBeenCalled();
  });

  it('shows the same instance again by refreshing only', async () => {
    const { view, shown } = fakeView('prod');
    const keep = vi.fn<(outcome: Outcome<string>) => void>();
    await shown.show('prod');
    expect(view.reset).not.toHaveBeenCalled();
    expect(view.refresh).toHaveBeenCalledTimes(1);
    await shown.load((id) => Promise.resolve(`${id} list`), keep);
    expect(keep).toHaveBeenCalledWith({ ok: true, value: 'prod list' });
  });
});
