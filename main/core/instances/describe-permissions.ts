// What a key may do, in the one short sentence a connection report carries, e.g. "This key holds
// 24 permissions on 7 resources."; the Instances page lists them by resource under it
// (common/permission-groups.ts), as Flowise's own key dialog groups them.
import { groupPermissions } from '../../../common/permission-groups.js';
import { countOf } from '../../../common/words.js';

export function describePermissions(permissions: readonly string[] | undefined): string {
  if (permissions === undefined)
    return 'This key has full access (this server version has no per-key permissions).';
  if (permissions.length === 0) return 'This key holds no permissions.';
  const resources = groupPermissions(permissions).length;
  return `This key holds ${countOf(permissions.length, 'permission')} on ${countOf(resources, 'resource')}.`;
}
