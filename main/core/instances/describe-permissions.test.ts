import { describe, expect, it } from 'vitest';

import { describePermissions } from './describe-permissions.js';

describe('describePermissions', () => {
  it('says it in words, verbs in a natural order', () => {
    expect(
      describePermissions([
        'apikeys:delete',
        'apikeys:view',
        'apikeys:create',
        'apikeys:update',
        'credentials:view',
      ]),
    ).toBe('This key can view, create, update and delete API keys and view credentials.');
  });

  it('handles keys without permissions and servers without them', () => {
    expect(describePermissions([])).toBe('This key holds no permissions.');
    expect(describePermissions(undefined)).toMatch(/full access/);
  });

  it('keeps unknown subjects readable', () => {
    expect(describePermissions(['widgets:view'])).toBe('This key can view widgets.');
  });
});
