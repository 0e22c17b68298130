// The permission catalog a Flowise 3.1.4 server serves at /auth/permissions/API_KEY: category →
// action, label, and on which platforms it exists (o = open source, e = enterprise, c = cloud).

type Entry = readonly [action: string, label: string, platforms: string];

const STANDARD: Entry[] = [
  ['view', 'View', 'oec'],
  ['create', 'Create', 'oec'],
  ['update', 'Update', 'oec'],
  ['delete', 'Delete', 'oec'],
];
const FLOWS: Entry[] = [
  ['view', 'View', 'oec'],
  ['create', 'Create', 'oec'],
  ['update', 'Update', 'oec'],
  ['duplicate', 'Duplicate', 'oec'],
  ['delete', 'Delete', 'oec'],
  ['export', 'Export', 'oec'],
  ['import', 'Import', 'oec'],
  ['config', 'Edit Configuration', 'oec'],
  ['domains', 'Allowed Domains', 'oec'],
];
const paid = (entries: Entry[]): Entry[] => entries.map(([a, l]) => [a, l, 'ec']);

const CATALOGUE: Record<string, Entry[]> = {
  chatflows: FLOWS,
  agentflows: FLOWS,
  tools: [...STANDARD, ['export', 'Export', 'oec']],
  assistants: STANDARD,
  credentials: [...STANDARD, ['share', 'Share', 'ec']],
  variables: STANDARD,
  apikeys: STANDARD,
  documentStores: [
    ...STANDARD.slice(0, 3),
    ['delete', 'Delete Document Store', 'oec'],
    ['add-loader', 'Add Document Loader', 'oec'],
    ['delete-loader', 'Delete Document Loader', 'oec'],
    ['preview-process', 'Preview & Process Document Chunks', 'oec'],
    ['upsert-config', 'Upsert Config', 'oec'],
  ],
  datasets: paid(STANDARD),
  executions: [
    ['view', 'View', 'oec'],
    ['update', 'Update', 'oec'],
    ['delete', 'Delete', 'oec'],
  ],
  evaluators: paid(STANDARD),
  evaluations: paid([...STANDARD, ['run', 'Run Again', 'oec']]),
  templates: [
    ['marketplace', 'View Marketplace Templates', 'oec'],
    ['custom', 'View Custom Templates', 'oec'],
    ['custom-delete', 'Delete Custom Template', 'oec'],
    ['toolexport', 'Export Tool as Template', 'oec'],
    ['flowexport', 'Export Flow as Template', 'oec'],
    ['custom-share', 'Share Custom Templates', 'ec'],
  ],
  logs: [['view', 'View Logs', 'e']],
  loginActivity: [['view', 'View Login Activity', 'e']],
};

export interface CatalogEntry {
  key: string;
  value: string;
  isOpenSource: boolean;
  isEnterprise: boolean;
  isCloud: boolean;
}

export function permissionCatalog(): Record<string, CatalogEntry[]> {
  return Object.fromEntries(
    Object.entries(CATALOGUE).map(([category, entries]) => [
      category,
      entries.map(([action, label, on]) => ({
        key: `${category}:${action}`,
        value: label,
        isOpenSource: on.includes('o'),
        isEnterprise: on.includes('e'),
        isCloud: on.includes('c'),
      })),
    ]),
  );
}

/** Every permission a key may hold: the full-access key a bootstrap creates. */
export const ALL_KEY_PERMISSIONS: readonly string[] = Object.entries(CATALOGUE).flatMap(
  ([category, entries]) => entries.map(([action]) => `${category}:${action}`),
);

/** What Flowise's migration 1765360298674 gave every existing key. */
export const DEFAULT_KEY_PERMISSIONS: readonly string[] = ALL_KEY_PERMISSIONS.filter(
  (p) =>
    /^(chatflows|agentflows|tools|assistants|variables|apikeys|documentStores|templates):/.test(
      p,
    ) ||
    /^credentials:(view|create|update|delete)$/.test(p) ||
    /^executions:(view|delete)$/.test(p),
);
