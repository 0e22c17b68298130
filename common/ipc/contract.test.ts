// Type tests: the Api, RawApi and ApiImpl derived from the contract keep their promised shapes.
import { describe, expectTypeOf, it } from 'vitest';

import type { Envelope } from './define.js';
import type { Api, ApiImpl, RawApi } from './contract.js';
import { contract } from './contract.js';
import type { Settings } from './schemas/settings.js';
import type { LockReason, VaultStatus } from './schemas/vault.js';

describe('contract types', () => {
  it('gives the renderer promise-returning methods with typed arguments', () => {
    expectTypeOf<Api['vault']['unlock']>().parameters.toEqualTypeOf<
      [{ password: string; allowRollback?: boolean | undefined }]
    >();
    expectTypeOf<Api['vault']['status']>().returns.toEqualTypeOf<Promise<VaultStatus>>();
    expectTypeOf<Api['settings']['update']>().returns.toEqualTypeOf<Promise<Settings>>();
    expectTypeOf<Api['vault']['changePassword']>().returns.toEqualTypeOf<Promise<void>>();
  });

  it('types event payloads by name', () => {
    type Listener = Parameters<typeof on>[1];
    const on: Api['on'] = () => () => undefined;
    expectTypeOf<Listener>().toBeFunction();
    expectTypeOf(on<'vault.locked'>)
      .parameter(1)
      .parameter(0)
      .toEqualTypeOf<{ reason: LockReason }>();
  });

  it('makes the raw API settle with envelopes', () => {
    expectTypeOf<RawApi['vault']['status']>().returns.toEqualTypeOf<
      Promise<Envelope<VaultStatus>>
    >();
  });

  it('lets main implement a method synchronously or asynchronously', () => {
    expectTypeOf<ReturnType<ApiImpl['vault']['lock']>>().toEqualTypeOf<
      Promise<VaultStatus> | VaultStatus
    >();
  });

  it('has no method without a namespace', () => {
    expectTypeOf(contract.methods).toHaveProperty('vault');
    expectTypeOf(contract.events).toHaveProperty('vault.locked');
  });
});
