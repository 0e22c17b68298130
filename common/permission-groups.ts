// A key's permission strings ("apikeys:view") grouped by resource, as Flowise's own API key dialog
// groups them: its categories in the order of its enterprise/rbac/Permissions.ts, each with its
// actions in that file's order. The Instances page shows a key's permissions as this short list.

/** Flowise's categories in its order, with the names people read. */
const RESOURCES: readonly (readonly [string, string])[] = [
  ['chatflows', 'Chatflows'],
  ['agentflows', 'Agentflows'],
  ['tools', 'Tools'],
  ['assistants', 'Assistants'],
  ['credentials', 'Credentials'],
  ['variables', 'Variables'],
  ['apikeys', 'API Keys'],
  ['documentStores', 'Document Stores'],
  ['datasets', 'Datasets'],
  ['executions', 'Executions'],
  ['evaluators', 'Evaluators'],
  ['evaluations', 'Evaluations'],
  ['templates', 'Templates'],
];

const ACTIONS = [
  'view',
  'create',
  'update',
  'duplicate',
  'delete',
  'export',
  'import',
  'config',
  'domains',
  'share',
  'run',
  'add-loader',
  'delete-loader',
  'preview-process',
  'upsert-config',
  'marketplace',
  'custom',
  'custom-delete',
  'toolexport',
  'flowexport',
  'custom-share',
];

export interface PermissionGroup {
  /** "API Keys", "Document Stores". */
  readonly resource: string;
  /** "view", "create", "add loader". */
  readonly actions: readonly string[];
}

/** An unknown category named as Flowise's dialog names it: "loginActivity" is "Login Activity". */
const nameOf = (category: string): string =>
  RESOURCES.find(([key]) => key === category)?.[1] ??
  category
    .replace(/([A-Z])/g, ' $1')
    .trim()
    .replace(/^./, (first) => first.toUpperCase());

const rank = <T>(list: readonly T[], item: T): number => {
  const at = list.indexOf(item);
  return at === -1 ? list.length : at;
};

export function groupPermissions(permissions: readonly string[]): PermissionGroup[] {
  const byCategory = new Map<string, string[]>();
  for (const permission of permissions) {
    const [category = permission, action = 'use'] = permission.split(':');
    byCategory.set(category, [...(byCategory.get(category) ?? []), action]);
  }
  const categories = RESOURCES.map(([key]) => key);
  // A stable sort keeps unknown categories and actions in the order the key lists them.
  return [...byCategory]
    .sort(([a], [b]) => rank(categories, a) - rank(categories, b))
    .map(([category, actions]) => ({
      resource: nameOf(category),
      actions: [...actions]
        .sort((a, b) => rank(ACTIONS, a) - rank(ACTIONS, b))
        .map((action) => action.replace(/-/g, ' ')),
    }));
}
