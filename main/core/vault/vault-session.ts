// What an unlocked vault holds in memory. Sections are kept as their JSON text: what is in memory
// is exactly what is on disk, a reader never gets an object it could mutate in place, and a save
// only serializes the section that changed.
import type { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import { BODY_SCHEMA_VERSION, emptyBody } from './vault-body.js';
import type { VaultBody } from './vault-body.js';
import { FILE_FORMAT, FORMAT_VERSION } from './vault-format.js';
import type { HeaderFields, KeyWrapJson, VaultHeader } from './vault-format.js';

export interface OpenSession {
  /** The data key. Zeroed by lock(); nothing else may keep a copy. */
  readonly dek: Buffer;
  header: VaultHeader;
  sections: ReadonlyMap<string, string>;
  /** The next save writes max(this, highest counter seen) + 1. */
  counter: number;
  readonly unlockedAt: number;
  /** SHA-256 of the file as this process last read or wrote it; undefined before the first save
   * of a new vault. A file on disk that differs was saved by another process. */
  digest: string | undefined;
}

export function sectionsOf(body: VaultBody): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(body.sections)) {
    if (value !== undefined) out.set(name, JSON.stringify(value));
  }
  return out;
}

export function bodyText(sections: ReadonlyMap<string, string>): string {
  const parts = [...sections].map(([name, text]) => `${JSON.stringify(name)}:${text}`);
  return `{"schemaVersion":${BODY_SCHEMA_VERSION},"sections":{${parts.join(',')}}}`;
}

/** A copy of the sections with these replaced (or removed, for undefined), as JSON text. */
export function withSections(
  sections: ReadonlyMap<string, string>,
  values: Readonly<Record<string, unknown>>,
): Map<string, string> {
  const next = new Map(sections);
  for (const [name, value] of Object.entries(values)) {
    // undefined (and functions) have no JSON form: writing them removes the section.
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) next.delete(name);
    else next.set(name, text);
  }
  return next;
}

/** How an unwrapped data key is taken on as the session. */
export interface AdoptOptions {
  via: 'password' | 'keychain';
  allowRollback: boolean;
  /** The vault's lock count when the unlock began: a lock since then wins. */
  locks: number;
}

/** A new, empty vault's header and session; its first save writes the file. */
export function newSession(
  dek: Buffer,
  fresh: {
    counter: number;
    wrap: { kdf: HeaderFields['kdf']; passwordWrap: KeyWrapJson };
    now: number;
  },
): { header: HeaderFields; session: OpenSession } {
  const { counter, wrap, now } = fresh;
  const header: HeaderFields = {
    format: FILE_FORMAT,
    version: FORMAT_VERSION,
    counter,
    ...wrap,
    createdAt: now,
    updatedAt: now,
  };
  const session: OpenSession = {
    dek,
    header: { ...header, bodyLength: 0 }, // replaced by the first save
    sections: sectionsOf(emptyBody()),
    counter,
    unlockedAt: now,
    digest: undefined,
  };
  return { header, session };
}

const revisions = new WeakMap<ReadonlyMap<string, string>, object>();

/** A token for these sections. Every change (a save here, another process's save loaded, a lock)
 * puts a new map in the session, so the token changes with the data and what was worked out from
 * the sections may be kept while it stays the same. */
export function revisionOf(sections: ReadonlyMap<string, string>): object {
  let token = revisions.get(sections);
  if (token === undefined) {
    token = Object.freeze({});
    revisions.set(sections, token);
  }
  return token;
}

/** One section, checked against its schema. */
export function parseSection<T>(
  sections: ReadonlyMap<string, string>,
  name: string,
  schema: z.ZodType<T>,
  path: string,
): T | undefined {
  const text = sections.get(name);
  if (text === undefined) return undefined;
  const parsed = schema.safeParse(JSON.parse(text));
  if (parsed.success) return parsed.data;
  // The file authenticated, so this is our own shape drift, not damage; never echo the data.
  throw new AppError(
    'internal',
    `The saved "${name}" data in ${path} is not in the shape this version expects.`,
    { path, section: name },
  );
}
