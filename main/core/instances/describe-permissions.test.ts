import { describe, expect, it } from 'vitest';

import { describePermissions } from './describe-permissions.js';

describe('describePermissions', () => {
  it('counts the permissions and resources in one short sentence; the list says which', () => {
    expect(
      describePermissions([
        'apikeys:delete',
        'apikeys:view',
        'apikeys:create',
        'apikeys:update',
        'credentials:view',
      ]),
    ).toBe('This key holds 5 permissions on 2 resources.');
    expect(describePermissions(['apikeys:view'])).toBe(
      'This key holds 1 permission on 1 resource.',
    );
  });

  it('handles keys without permissions and servers without them', () => {
    expect(describePermissions([])).toBe('This key holds no permissions.');
    expect(describePermissions(undefined)).toMatch(/full access/);
  });
});
