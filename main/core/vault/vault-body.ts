// The decrypted contents: named sections of JSON, versioned separately from the file format so
// that a change in what we store does not need a new file layout.
import { z } from 'zod';

export const BODY_SCHEMA_VERSION = 1;

export interface VaultBody {
  schemaVersion: number;
  sections: Record<string, unknown>;
}

/** Turns a body of schemaVersion n into one of n + 1. Must be pure: it runs on every unlock
 * until the next save writes the migrated body. */
export type BodyMigration = (body: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the version migrated *from*. Add an entry here whenever BODY_SCHEMA_VERSION grows. */
export const BODY_MIGRATIONS: ReadonlyMap<number, BodyMigration> = new Map();

const Versioned = z.looseObject({ schemaVersion: z.number().int().min(0) });
const Current = z.object({
  schemaVersion: z.number().int(),
  sections: z.record(z.string(), z.unknown()),
});

export type MigrationResult =
  | { ok: true; body: VaultBody; migratedFrom?: number }
  | { ok: false; problem: 'malformed' | 'newer'; found?: number };

export function migrateBody(
  raw: unknown,
  migrations: ReadonlyMap<number, BodyMigration> = BODY_MIGRATIONS,
  current: number = BODY_SCHEMA_VERSION,
): MigrationResult {
  const versioned = Versioned.safeParse(raw);
  if (!versioned.success) return { ok: false, problem: 'malformed' };
  const from = versioned.data.schemaVersion;
  if (from > current) return { ok: false, problem: 'newer', found: from };
  let body: Record<string, unknown> = versioned.data;
  for (let version = from; version < current; version++) {
    const step = migrations.get(version);
    if (step === undefined) return { ok: false, problem: 'malformed' };
    body = { ...step(body), schemaVersion: version + 1 };
  }
  const parsed = Current.safeParse(body);
  if (!parsed.success) return { ok: false, problem: 'malformed' };
  return from === current
    ? { ok: true, body: parsed.data }
    : { ok: true, body: parsed.data, migratedFrom: from };
}

export const emptyBody = (): VaultBody => ({ schemaVersion: BODY_SCHEMA_VERSION, sections: {} });
