// A best-effort valid value for a zod schema, found by walking its definition and trying likely
// candidates. The fuzzer breaks one thing at a time in it, so each malformed payload is wrong for
// one reason rather than many. When no valid value is found the mutations are still checked
// against the schema, so a weaker base costs precision, never correctness.
import { randomUUID } from 'node:crypto';

import type { z } from 'zod';

const STRING_CANDIDATES = [
  () => randomUUID(),
  () => 'Fuzz sample',
  () => 'https://flowise.example',
  () => '#4f6bed',
  () => 'chatflows:view',
  () => 'correct horse battery staple',
  () => '-----BEGIN CERTIFICATE-----\nMIIBfuzz\n-----END CERTIFICATE-----\n',
  () => 'x'.repeat(32),
  () => 'x',
];
const NUMBER_CANDIDATES = [15_000, 1000, 30, 5, 1, 0];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  items?: z.ZodType[];
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

function firstValid(schema: z.ZodType, candidates: (() => unknown)[]): unknown {
  for (const make of candidates) {
    const value = make();
    if (schema.safeParse(value).success) return value;
  }
  return candidates[0]?.();
}

function build(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return firstValid(schema, STRING_CANDIDATES);
    case 'number':
      return firstValid(
        schema,
        NUMBER_CANDIDATES.map((n) => () => n),
      );
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape ?? {}).map(([key, field]) => [key, build(field)]),
      );
    case 'tuple':
      return (def.items ?? []).map(build);
    case 'array':
      return firstValid(schema, [() => [], () => (def.element ? [build(def.element)] : [])]);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return def.innerType ? build(def.innerType) : undefined;
    case 'union':
      return firstValid(
        schema,
        (def.options ?? []).map((option) => () => build(option)),
      );
    case 'pipe':
      return def.in ? build(def.in) : undefined;
    case 'record':
      return {};
    default:
      return undefined;
  }
}

/** A value the schema accepts, or undefined when none of the candidates fit. */
export function validSample(schema: z.ZodType): { value: unknown; valid: boolean } {
  const value = build(schema);
  return { value, valid: schema.safeParse(value).success };
}
