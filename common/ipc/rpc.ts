// Transport-agnostic RPC. The Electron shell and the loopback harness both plug a transport in
// here, so validation and error shaping happen in exactly one place.
import type { z } from 'zod';

import { AppError, toWireError } from '../errors.js';
import type { ContractDef, Envelope, ImplOf } from './define.js';
import { channelOf, channels } from './define.js';

export type Handler = (args: unknown) => Promise<Envelope<unknown>>;

export interface ServerTransport {
  handle(channel: string, handler: Handler): void;
}

export interface ServeOptions {
  /** Told about unexpected failures; never given arguments, which may hold secrets. */
  onUnexpected?: (channel: string, error: unknown) => void;
}

const MAX_MESSAGE = 300;

function describeIssues(error: z.ZodError): string {
  const text = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.code}`)
    .join('; ');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

export function badRequest(channel: string, detail: string): Envelope<never> {
  return {
    ok: false,
    error: new AppError('bad_request', `Invalid arguments for ${channel}: ${detail}`).toWire(),
  };
}

/** Builds the checked handler of every channel; exported alone so tests can call it directly. */
export function buildHandlers<C extends ContractDef>(
  contract: C,
  impl: ImplOf<C>,
  options: ServeOptions = {},
): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  const table = impl as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
  for (const { namespace, name, def } of channels(contract)) {
    const channel = channelOf(namespace, name);
    const fn = table[namespace]?.[name];
    if (typeof fn !== 'function') throw new Error(`No implementation for ${channel}`);
    handlers.set(channel, async (args) => {
      if (!Array.isArray(args)) return badRequest(channel, 'arguments must be a list');
      const parsed = def.args.safeParse(args);
      if (!parsed.success) return badRequest(channel, describeIssues(parsed.error));
      try {
        // What crosses is the schema's output, never the handler's object: a field the contract
        // does not name (an admin key on a row, say) is stripped here in every build, and a
        // result of the wrong shape fails as an internal error instead of crossing.
        const value: unknown = def.result.parse(await fn(...(parsed.data as unknown[])));
        return { ok: true, value: def.wire === undefined ? value : def.wire.encode(value) };
      } catch (error) {
        if (!(error instanceof AppError)) options.onUnexpected?.(channel, error);
        return { ok: false, error: toWireError(error) };
      }
    });
  }
  return handlers;
}

export function serveContract<C extends ContractDef>(
  contract: C,
  impl: ImplOf<C>,
  transport: ServerTransport,
  options: ServeOptions = {},
): void {
  for (const [channel, handler] of buildHandlers(contract, impl, options)) {
    transport.handle(channel, handler);
  }
}
