// A key's permissions as a short list by resource ("API Keys: view, create, update, delete"), the
// way Flowise's own key dialog groups them, under the report's one-sentence count.
import { groupPermissions } from '../../../common/permission-groups.js';

export function KeyPermissions({ permissions }: { permissions: readonly string[] }) {
  if (permissions.length === 0) return null;
  return (
    <ul className="key-permissions small" aria-label="Permissions of the key">
      {groupPermissions(permissions).map((group) => (
        <li key={group.resource}>
          <strong>{group.resource}</strong>: {group.actions.join(', ')}
        </li>
      ))}
    </ul>
  );
}
