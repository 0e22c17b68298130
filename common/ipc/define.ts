// Building blocks of the contract and the types derived from it: one table of zod schemas gives
// main its validators and the renderer its API type.
import type { z } from 'zod';

import type { WireError } from '../errors.js';

/** A compact form of a result for the trip across the process boundary: main encodes after the
 * handler (and the result check), the renderer's Api decodes before the caller sees it. */
export interface WireCodec<T> {
  encode(value: T): unknown;
  decode(wire: unknown): T;
}

export interface MethodDef<A extends z.ZodTuple = z.ZodTuple, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
  readonly wire?: WireCodec<z.output<R>>;
}

export function method<A extends z.ZodTuple, R extends z.ZodType>(
  args: A,
  result: R,
  wire?: WireCodec<z.output<R>>,
): MethodDef<A, R> {
  return wire === undefined ? { args, result } : { args, result, wire };
}

export type MethodTable = Readonly<Record<string, Readonly<Record<string, MethodDef>>>>;
export type EventTable = Readonly<Record<string, z.ZodType>>;

export interface ContractDef<
  M extends MethodTable = MethodTable,
  E extends EventTable = EventTable,
> {
  readonly methods: M;
  readonly events: E;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

type Args<D> = D extends MethodDef<infer A> ? z.input<A> : never;
type ParsedArgs<D> = D extends MethodDef<infer A> ? z.output<A> : never;
type Result<D> = D extends MethodDef<z.ZodTuple, infer R> ? z.output<R> : never;

export type EventName<C extends ContractDef> = Extract<keyof C['events'], string>;
export type EventPayload<C extends ContractDef, E extends EventName<C>> = z.output<C['events'][E]>;
export type Unsubscribe = () => void;

interface Subscribable<C extends ContractDef> {
  on<E extends EventName<C>>(
    event: E,
    listener: (payload: EventPayload<C, E>) => void,
  ): Unsubscribe;
}

/** What the renderer calls: promises that reject with AppError. */
export type ApiOf<C extends ContractDef> = {
  readonly [N in keyof C['methods']]: {
    readonly [K in keyof C['methods'][N]]: (
      ...args: Args<C['methods'][N][K]>
    ) => Promise<Result<C['methods'][N][K]>>;
  };
} & Subscribable<C>;

/** What crosses a process boundary: every call settles with an envelope, never a rejection. */
export type RawApiOf<C extends ContractDef> = {
  readonly [N in keyof C['methods']]: {
    readonly [K in keyof C['methods'][N]]: (
      ...args: Args<C['methods'][N][K]>
    ) => Promise<Envelope<Result<C['methods'][N][K]>>>;
  };
} & Subscribable<C>;

/** What main implements; arguments arrive already validated. */
export type ImplOf<C extends ContractDef> = {
  readonly [N in keyof C['methods']]: {
    readonly [K in keyof C['methods'][N]]: (
      ...args: ParsedArgs<C['methods'][N][K]>
    ) => Promise<Result<C['methods'][N][K]>> | Result<C['methods'][N][K]>;
  };
};

export function channelOf(namespace: string, name: string): string {
  return `${namespace}.${name}`;
}

/** Every method channel of a contract, in a stable order. */
export function channels(
  contract: ContractDef,
): { namespace: string; name: string; def: MethodDef }[] {
  return Object.entries(contract.methods).flatMap(([namespace, table]) =>
    Object.entries(table).map(([name, def]) => ({ namespace, name, def })),
  );
}
