import { describe, expect, it } from 'vitest';

import { BODY_SCHEMA_VERSION, migrateBody } from './vault-body.js';
import type { BodyMigration } from './vault-body.js';

describe('migrateBody', () => {
  it('passes a current body through untouched', () => {
    const body = { schemaVersion: BODY_SCHEMA_VERSION, sections: { a: 1 } };
    expect(migrateBody(body)).toEqual({ ok: true, body });
  });

  it('applies each step from the stored version up to the current one', () => {
    const table = new Map<number, BodyMigration>([
      [1, (b) => ({ sections: { items: b['items'] } })],
      [2, (b) => ({ ...b, sections: { ...(b['sections'] as object), upgraded: true } })],
    ]);
    expect(migrateBody({ schemaVersion: 1, items: ['x'] }, table, 3)).toEqual({
      ok: true,
      migratedFrom: 1,
      body: { schemaVersion: 3, sections: { items: ['x'], upgraded: true } },
    });
  });

  it('refuses a newer body, a missing step and a malformed body', () => {
    expect(migrateBody({ schemaVersion: 9, sections: {} })).toEqual({
      ok: false,
      problem: 'newer',
      found: 9,
    });
    expect(migrateBody({ schemaVersion: 0, sections: {} }, new Map(), 1)).toMatchObject({
      ok: false,
      problem: 'malformed',
    });
    expect(migrateBody(null)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(migrateBody({ schemaVersion: 1, sections: [] })).toMatchObject({ ok: false });
  });
});
