import { describe, expect, it } from 'vitest';

import { groupPermissions } from './permission-groups.js';

describe('groupPermissions', () => {
  it('groups by resource in the order of Flowise’s own key dialog, actions in its order too', () => {
    expect(
      groupPermissions([
        'apikeys:delete',
        'credentials:view',
        'apikeys:view',
        'chatflows:update',
        'apikeys:create',
        'chatflows:view',
        'documentStores:add-loader',
        'documentStores:view',
        'apikeys:update',
      ]),
    ).toEqual([
      { resource: 'Chatflows', actions: ['view', 'update'] },
      { resource: 'Credentials', actions: ['view'] },
      { resource: 'API Keys', actions: ['view', 'create', 'update', 'delete'] },
      { resource: 'Document Stores', actions: ['view', 'add loader'] },
    ]);
  });

  it('names an unknown resource as Flowise’s dialog does, after the known ones', () => {
    expect(groupPermissions(['loginActivity:view', 'tools:export', 'tools:view'])).toEqual([
      { resource: 'Tools', actions: ['view', 'export'] },
      { resource: 'Login Activity', actions: ['view'] },
    ]);
    expect(groupPermissions([])).toEqual([]);
  });
});
