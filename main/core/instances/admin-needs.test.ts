import { describe, expect, it } from 'vitest';

import { missingForVault } from './admin-needs.js';

const KEYS_AND_CREDENTIALS = [
  'apikeys:view',
  'apikeys:create',
  'apikeys:delete',
  'credentials:view',
  'credentials:create',
  'credentials:delete',
];

describe('missingForVault', () => {
  it('names each unmet need by its first permission', () => {
    expect(missingForVault([])).toEqual([
      'apikeys:view',
      'apikeys:create',
      'apikeys:delete',
      'chatflows:view',
      'chatflows:update',
      'credentials:view',
      'credentials:create',
      'credentials:delete',
    ]);
  });

  it('counts a need met by any permission its route accepts', () => {
    // Flowise lists and rebinds flows for any of chatflows:update or agentflows:update.
    expect(missingForVault([...KEYS_AND_CREDENTIALS, 'agentflows:update'])).toEqual([]);
    expect(missingForVault([...KEYS_AND_CREDENTIALS, 'chatflows:view'])).toEqual([
      'chatflows:update',
    ]);
  });

  it('finds nothing missing where keys carry no permissions (before 3.0.13)', () => {
    expect(missingForVault(undefined)).toEqual([]);
  });
});
