// The permission picker's rules: what the admin key can grant, presets, "create, update and
// delete imply view" as in Flowise, and a short summary of a key's permissions.
import type { PermissionCatalog } from '../../../common/ipc/schemas/keys.js';

export interface Preset {
  readonly name: string;
  readonly pick: (offered: readonly string[]) => string[];
}

const area = (permission: string): string => permission.split(':')[0] ?? permission;
const action = (permission: string): string => permission.split(':')[1] ?? permission;
const isView = (permission: string): boolean => action(permission) === 'view';

export const PRESETS: readonly Preset[] = [
  { name: 'Read only', pick: (offered) => offered.filter(isView) },
  {
    name: 'Chatflow deployer',
    pick: (offered) =>
      offered.filter((p) => ['chatflows', 'agentflows'].includes(area(p)) || isView(p)),
  },
  { name: 'Everything the admin key holds', pick: (offered) => [...offered] },
  { name: 'None', pick: () => [] },
];

/** The catalog cut down to what the admin key holds, groups left empty dropped. */
export function offeredGroups(catalog: PermissionCatalog): PermissionCatalog['groups'] {
  const held = new Set(catalog.adminHeld);
  return catalog.groups
    .map((group) => ({ ...group, permissions: group.permissions.filter((p) => held.has(p.key)) }))
    .filter((group) => group.permissions.length > 0);
}

export function withheldCount(catalog: PermissionCatalog): number {
  const held = new Set(catalog.adminHeld);
  return catalog.groups.flatMap((g) => g.permissions).filter((p) => !held.has(p.key)).length;
}

/** Adds or removes one permission; adding create/update/delete adds its area's view, and
 * removing view removes what implies it, when the view is on offer at all. */
export function toggle(
  selected: readonly string[],
  permission: string,
  on: boolean,
  offered: readonly string[],
): string[] {
  const view = `${area(permission)}:view`;
  const set = new Set(selected);
  if (on) {
    set.add(permission);
    if (!isView(permission) && offered.includes(view)) set.add(view);
  } else {
    set.delete(permission);
    if (isView(permission))
      for (const p of selected) if (area(p) === area(permission)) set.delete(p);
  }
  return offered.filter((p) => set.has(p));
}

/** "Full access", "No permissions", or areas with their actions, e.g. "chatflows: view, create". */
export function summarizePermissions(permissions: readonly string[] | undefined): string {
  if (permissions === undefined) return 'Full access (this server has no key permissions)';
  if (permissions.length === 0) return 'No permissions';
  const byArea = new Map<string, string[]>();
  for (const p of permissions) byArea.set(area(p), [...(byArea.get(area(p)) ?? []), action(p)]);
  if (permissions.every(isView)) return `View only: ${[...byArea.keys()].join(', ')}`;
  return [...byArea].map(([name, actions]) => `${name}: ${actions.join(', ')}`).join(' · ');
}
