// Generates malformed argument lists for one channel: wrong top-level shapes, wrong arity, wrong
// types, missing and extra fields, huge strings, deep nesting, prototype-pollution keys and bad
// ids. Payloads are raw JSON text, because some of them (deep nesting, own `__proto__` keys)
// cannot survive a round trip through JavaScript objects unchanged.
import type { z } from 'zod';

import type { Rng } from './random.js';
import { validSample } from './valid-sample.js';

/** Raw JSON for `args`, or undefined to leave the field out of the message. */
export type RawArgs = string | undefined;

/** Never echoed back: the fuzzer checks responses for it. */
export const SECRET_MARKER = 'FKV-FUZZ-SECRET-7f3a9c';
const HUGE = 'A'.repeat(256 * 1024);
const DEEP_TOKEN = '@@fkv-deep@@';
const DEEP_ARRAY = '['.repeat(5000) + ']'.repeat(5000);
const DEEP_OBJECT = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];
const SUSPICIOUS_KEYS = [...POLLUTION_KEYS, 'toString', 'valueOf', 'hasOwnProperty', 'then', 'x'];

function own(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  // A plain assignment to __proto__ would change the prototype instead of adding a key.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return target;
}

const pollution = (key: string): Record<string, unknown> =>
  own({}, key, key === 'constructor' ? { prototype: { polluted: 'yes' } } : { polluted: 'yes' });

/** Values of every JSON type plus the hostile ones; at least one is wrong for any field. */
const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  '\u0000',
  SECRET_MARKER,
  HUGE,
  DEEP_TOKEN,
  [],
  [null],
  {},
  pollution('__proto__'),
  pollution('constructor'),
];

const BAD_STRINGS: readonly string[] = [
  '../../etc/passwd',
  'javascript:alert(1)',
  '\u202egnp.exe',
  'x'.repeat(10_000),
  '00000000-0000-0000-0000-00000000000g',
  '{00000000-0000-0000-0000-000000000000}',
  '0000000000000000000000000000000000',
  `${SECRET_MARKER}\n`,
  ' a ',
];

const BAD_NUMBERS: readonly unknown[] = [-1, -0.5, 0.5, 2 ** 53, -(2 ** 53), '5', [5]];

export function toRaw(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll(`"${DEEP_TOKEN}"`, DEEP_ARRAY)
    .replaceAll(`"${DEEP_TOKEN}o"`, DEEP_OBJECT);
}

type Path = (string | number)[];

function leaves(value: unknown, path: Path = [], depth = 0): Path[] {
  if (depth > 4 || value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, unknown>);
  return [path, ...entries.flatMap(([k, v]) => leaves(v, [...path, k], depth + 1))];
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** A copy of `base` with the value at `path` replaced, or removed when `remove` is set. */
function edit(base: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const copy = clone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove && Array.isArray(node)) node.splice(last as number, 1);
  else if (remove) Reflect.deleteProperty(node, last);
  else own(node, String(last), replacement);
  return copy;
}

function at(base: unknown, path: Path): unknown {
  let node = base;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** Hand-picked cases for every position in the valid sample: each breaks exactly one thing. */
function targeted(base: unknown[]): unknown[] {
  const cases: unknown[] = [
    null,
    true,
    0,
    1e308,
    '',
    HUGE,
    {},
    { 0: base[0] ?? null },
    { length: base.length },
    DEEP_TOKEN,
    `${DEEP_TOKEN}o`,
    ...POLLUTION_KEYS.map(pollution),
    [...base, null],
    [...base, SECRET_MARKER],
    [...base, ...base, {}],
    new Array<null>(10_000).fill(null),
  ];
  if (base.length > 0) cases.push([], base.slice(0, -1));
  for (const path of leaves(base).filter((p) => p.length > 0)) {
    const current = at(base, path);
    for (const wrong of WRONG_VALUES) cases.push(edit(base, path, wrong));
    if (typeof current === 'string') for (const s of BAD_STRINGS) cases.push(edit(base, path, s));
    if (typeof current === 'number') for (const n of BAD_NUMBERS) cases.push(edit(base, path, n));
    if (path.length > 1) cases.push(edit(base, path, undefined, true));
    if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      for (const key of SUSPICIOUS_KEYS) {
        cases.push(edit(base, [...path, key], { polluted: 'yes' }));
      }
    }
  }
  return cases;
}

function randomValue(rng: Rng, depth = 0): unknown {
  const kind = rng.int(depth > 2 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1, 2 ** 31, -(2 ** 63), 1e-9, rng.int(1e6) - 5e5, 0.1]);
    case 3:
      return rng.pick([...BAD_STRINGS, SECRET_MARKER, '', 'true', '1', 'null']);
    case 4:
      return String.fromCharCode(...Array.from({ length: rng.int(40) }, () => rng.int(0xffff)));
    case 5:
      return rng.pick(WRONG_VALUES.filter((v) => v !== HUGE));
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    case 7: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--) {
        own(out, rng.pick([...SUSPICIOUS_KEYS, `k${rng.int(100)}`]), randomValue(rng, depth + 1));
      }
      return out;
    }
    default:
      return pollution(rng.pick(POLLUTION_KEYS));
  }
}

/** A random single edit of the valid sample: replace, remove or add at a random place. */
function randomCase(rng: Rng, base: unknown[]): unknown {
  if (rng.chance(0.1)) return randomValue(rng);
  const paths = leaves(base);
  const path = rng.pick(paths);
  const target = at(base, path);
  const isObject = target !== null && typeof target === 'object' && !Array.isArray(target);
  if (isObject && rng.chance(0.4)) {
    const key = rng.pick([...SUSPICIOUS_KEYS, `extra${rng.int(1000)}`]);
    return edit(base, [...path, key], randomValue(rng));
  }
  if (Array.isArray(target) && rng.chance(0.3)) {
    return edit(base, path, [...target, randomValue(rng)]);
  }
  if (path.length > 0 && rng.chance(0.2)) return edit(base, path, undefined, true);
  return edit(base, path, randomValue(rng));
}

function isMalformed(schema: z.ZodType, raw: RawArgs): boolean {
  if (raw === undefined) return true;
  const args: unknown = JSON.parse(raw);
  return !Array.isArray(args) || !schema.safeParse(args).success;
}

/**
 * `count` distinct payloads the channel's schema rejects. Candidates the schema would accept
 * (an optional field removed, say) are dropped, so every payload sent must be refused.
 */
export function malformedPayloads(schema: z.ZodType, rng: Rng, count: number): RawArgs[] {
  const sample = validSample(schema);
  const base = Array.isArray(sample.value) ? (sample.value as unknown[]) : [];
  const seen = new Set<string>();
  const out: RawArgs[] = [undefined];
  const consider = (candidate: unknown): void => {
    const raw = toRaw(candidate);
    if (out.length >= count || seen.has(raw) || !isMalformed(schema, raw)) return;
    seen.add(raw);
    out.push(raw);
  };
  for (const candidate of targeted(base)) consider(candidate);
  for (let attempts = 0; out.length < count && attempts < count * 50; attempts++) {
    consider(randomCase(rng, base));
  }
  if (out.length < count) throw new Error(`only ${out.length} malformed payloads generated`);
  return out;
}
