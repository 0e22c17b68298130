// What the admin key must hold for this app to manage a Flowise 3.0.13+ server. Each need is the
// check of the route the app calls (Flowise's routes/apikey, routes/chatflows and
// routes/credentials, through checkPermission / checkAnyPermission), so a need that any of several
// permissions meets lists them all, and is named by the first. Renaming a key (PUT /apikey: create
// or update) and editing a credential (create or update) are met by the create permissions already
// needed. Before 3.0.13 keys carry no permissions: nothing is missing there.
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';

interface Need {
  anyOf: readonly [string, ...string[]];
}

export const ADMIN_KEY_NEEDS: readonly Need[] = [
  { anyOf: ['apikeys:view'] },
  { anyOf: ['apikeys:create'] },
  { anyOf: ['apikeys:delete'] },
  { anyOf: ['chatflows:view', 'chatflows:update', 'agentflows:view', 'agentflows:update'] },
  { anyOf: ['chatflows:update', 'chatflows:create', 'agentflows:update', 'agentflows:create'] },
  { anyOf: ['credentials:view'] },
  { anyOf: ['credentials:create'] },
  { anyOf: ['credentials:delete'] },
];

/** The needs `held` does not meet, each by its first permission; undefined (a server before
 * 3.0.13, where keys carry no permissions) misses nothing. */
export function missingForVault(held: readonly string[] | undefined): string[] {
  if (held === undefined) return [];
  const has = new Set(held);
  return ADMIN_KEY_NEEDS.filter((need) => !need.anyOf.some((p) => has.has(p))).map(
    (need) => need.anyOf[0],
  );
}

/** The instance profile saved with this key's value, any profile of any server: the vault's way
 * into that server, which a delete or a bulk rotation would cut. */
export function vaultHolder<T extends { adminKey: string }>(
  records: readonly T[],
  row: Pick<ApiKeyRow, 'apiKey'>,
): T | undefined {
  return records.find((r) => r.adminKey === row.apiKey);
}

/** What a key summary says about a key the vault is saved with: the flag, and the needs unmet. */
export function vaultMarks(
  records: readonly { adminKey: string }[],
  row: Pick<ApiKeyRow, 'apiKey' | 'permissions'>,
): { usedByVault?: true; missingForVault?: string[] } {
  if (vaultHolder(records, row) === undefined) return {};
  const missing = missingForVault(row.permissions);
  return { usedByVault: true, ...(missing.length === 0 ? {} : { missingForVault: missing }) };
}
