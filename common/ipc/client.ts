// The renderer's side of the contract: a raw API that settles with envelopes (what a preload or a
// WebSocket bridge exposes), and the Api that unwraps them into values or AppErrors.
import { AppError } from '../errors.js';
import type {
  ApiOf,
  ContractDef,
  Envelope,
  ImplOf,
  MethodDef,
  RawApiOf,
  Unsubscribe,
} from './define.js';
import { channelOf, channels } from './define.js';
import type { ServeOptions } from './rpc.js';
import { buildHandlers } from './rpc.js';

export type Invoke = (channel: string, args: unknown[]) => Promise<Envelope<unknown>>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => Unsubscribe;

type Table = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;

function build(
  contract: ContractDef,
  call: (channel: string, args: unknown[], def: MethodDef) => Promise<unknown>,
  subscribe: Subscribe,
): Table & { on: Subscribe } {
  const table: Table = {};
  for (const { namespace, name, def } of channels(contract)) {
    const channel = channelOf(namespace, name);
    (table[namespace] ??= {})[name] = (...args: unknown[]) => call(channel, args, def);
  }
  const known = new Set(Object.keys(contract.events));
  const on: Subscribe = (event, listener) => {
    if (!known.has(event)) throw new AppError('bad_request', `Unknown event ${event}`);
    return subscribe(event, listener);
  };
  return Object.assign(table, { on });
}

export function createRawApi<C extends ContractDef>(
  contract: C,
  invoke: Invoke,
  subscribe: Subscribe,
): RawApiOf<C> {
  return build(contract, invoke, subscribe) as unknown as RawApiOf<C>;
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw AppError.fromWire(envelope.error);
}

export function createApi<C extends ContractDef>(contract: C, raw: RawApiOf<C>): ApiOf<C> {
  const rawTable = raw as unknown as Table & { on: Subscribe };
  return build(
    contract,
    async (channel, args, def) => {
      const [namespace = '', name = ''] = channel.split('.');
      const fn = rawTable[namespace]?.[name];
      if (fn === undefined) throw new AppError('bad_request', `Unknown method ${channel}`);
      const value = unwrap((await fn(...args)) as Envelope<unknown>);
      return def.wire === undefined ? value : def.wire.decode(value);
    },
    (event, listener) => rawTable.on(event, listener),
  ) as unknown as ApiOf<C>;
}

export interface LocalApiOptions extends ServeOptions {
  /** Where the renderer's `on` listens; no events without it. */
  subscribe?: Subscribe;
  /** Wraps every call at the transport: a test may record the envelope or answer in its place. */
  around?: (
    channel: string,
    args: unknown[],
    send: () => Promise<Envelope<unknown>>,
  ) => Promise<Envelope<unknown>>;
}

/**
 * An implementation served to an Api in the same process, through the same checked handlers and
 * client as over IPC: arguments and results are validated, errors cross as wire errors, and values
 * are encoded and decoded, with no process boundary. For tests and the loopback harness.
 */
export function createLocalApi<C extends ContractDef>(
  contract: C,
  impl: ImplOf<C>,
  options: LocalApiOptions = {},
): ApiOf<C> {
  const { subscribe = () => () => undefined, around, ...serve } = options;
  const handlers = buildHandlers(contract, impl, serve);
  const invoke: Invoke = (channel, args) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new AppError('bad_request', `Unknown method ${channel}`);
    const send = (): Promise<Envelope<unknown>> => handler(args);
    return around === undefined ? send() : around(channel, args, send);
  };
  return createApi(contract, createRawApi(contract, invoke, subscribe));
}
