import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { AppError } from '../errors.js';
import { method } from './define.js';
import { buildHandlers } from './rpc.js';

const contract = {
  methods: {
    things: {
      add: method(z.tuple([z.strictObject({ name: z.string().max(10) })]), z.number()),
      fail: method(z.tuple([]), z.void()),
      crash: method(z.tuple([]), z.void()),
      wrongShape: method(z.tuple([]), z.number()),
      profile: method(
        z.tuple([]),
        z.object({ name: z.string(), rows: z.array(z.object({ id: z.string() })) }),
      ),
    },
  },
  events: {},
} as const;

function setup() {
  const impl = {
    things: {
      add: vi.fn(({ name }: { name: string }) => name.length),
      fail: vi.fn(() => {
        throw new AppError('not_found', 'No such thing.');
      }),
      crash: vi.fn(() => {
        throw new Error('connect ECONNREFUSED Bearer sk-secret-value');
      }),
      wrongShape: vi.fn(() => 'oops' as unknown as number),
      // A handler that hands back more than its contract names, at the top and inside a list.
      profile: vi.fn(() => ({
        name: 'prod',
        adminKey: 'sk-admin-secret',
        rows: [{ id: 'a', apiSecret: 'sk-row-secret' }],
      })),
    },
  };
  const onUnexpected = vi.fn();
  const handlers = buildHandlers(contract, impl, { onUnexpected });
  return { impl, handlers, onUnexpected, call: (c: string, a: unknown) => handlers.get(c)!(a) };
}

describe('buildHandlers', () => {
  it('validates, calls and wraps the value', async () => {
    const { call, impl } = setup();
    await expect(call('things.add', [{ name: 'abc' }])).resolves.toEqual({ ok: true, value: 3 });
    expect(impl.things.add).toHaveBeenCalledWith({ name: 'abc' });
  });

  it.each([
    ['not a list', { name: 'abc' }],
    ['missing field', [{}]],
    ['wrong type', [{ name: 5 }]],
    ['extra field', [{ name: 'a', extra: 1 }]],
    ['too long', [{ name: 'x'.repeat(11) }]],
    ['too many args', [{ name: 'a' }, 2]],
    ['prototype key', [JSON.parse('{"name":"a","__proto__":{"polluted":true}}')]],
  ])('rejects %s with bad_request before the handler runs', async (_label, args) => {
    const { call, impl } = setup();
    const result = await call('things.add', args);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(impl.things.add).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('passes AppErrors through as they are', async () => {
    const { call } = setup();
    await expect(call('things.fail', [])).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such thing.' },
    });
  });

  it('never forwards the text of an unexpected error, which may quote a secret', async () => {
    const { call, onUnexpected } = setup();
    const result = await call('things.crash', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('sk-secret-value');
    expect(onUnexpected).toHaveBeenCalledOnce();
  });

  it('sends only the fields the result schema names: an extra secret field never crosses', async () => {
    const { call } = setup();
    const result = await call('things.profile', []);
    expect(result).toEqual({ ok: true, value: { name: 'prod', rows: [{ id: 'a' }] } });
    expect(JSON.stringify(result)).not.toContain('sk-');
  });

  it('refuses a result of the wrong shape in every build', async () => {
    const { call } = setup();
    await expect(call('things.wrongShape', [])).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('refuses to start when a method has no implementation', () => {
    expect(() => buildHandlers(contract, { things: {} } as never)).toThrow(/No implementation/);
  });
});
