import { describe, expect, it } from 'vitest';

import type { PermissionCatalog } from '../../../common/ipc/schemas/keys.js';
import {
  offeredGroups,
  PRESETS,
  summarizePermissions,
  toggle,
  withheldCount,
} from './permissions.js';

const catalog: PermissionCatalog = {
  groups: [
    {
      category: 'chatflows',
      permissions: [
        { key: 'chatflows:view', label: 'View' },
        { key: 'chatflows:create', label: 'Create' },
        { key: 'chatflows:delete', label: 'Delete' },
      ],
    },
    { category: 'tools', permissions: [{ key: 'tools:view', label: 'View' }] },
    { category: 'variables', permissions: [{ key: 'variables:create', label: 'Create' }] },
  ],
  adminHeld: ['chatflows:view', 'chatflows:create', 'tools:view', 'apikeys:view'],
  supported: true,
  keyAccess: 'per-key',
};
const offered = ['chatflows:view', 'chatflows:create', 'tools:view'];

describe('permission picker rules', () => {
  it('offers only what the admin key holds, and counts the rest', () => {
    expect(
      offeredGroups(catalog).map((g) => [g.category, g.permissions.map((p) => p.key)]),
    ).toEqual([
      ['chatflows', ['chatflows:view', 'chatflows:create']],
      ['tools', ['tools:view']],
    ]);
    expect(withheldCount(catalog)).toBe(2);
  });

  it('adds view with create, and drops what needs view when view goes', () => {
    expect(toggle([], 'chatflows:create', true, offered)).toEqual([
      'chatflows:view',
      'chatflows:create',
    ]);
    expect(
      toggle(
        ['chatflows:view', 'chatflows:create', 'tools:view'],
        'chatflows:view',
        false,
        offered,
      ),
    ).toEqual(['tools:view']);
    expect(
      toggle(['chatflows:view', 'chatflows:create'], 'chatflows:create', false, offered),
    ).toEqual(['chatflows:view']);
  });

  it('has presets within what is offered', () => {
    const pick = (name: string) => PRESETS.find((p) => p.name === name)?.pick(offered);
    expect(pick('Read only')).toEqual(['chatflows:view', 'tools:view']);
    expect(pick('Everything the admin key holds')).toEqual(offered);
    expect(pick('None')).toEqual([]);
  });

  it('summarises a key in words', () => {
    expect(summarizePermissions(undefined)).toBe(
      'Full access (this server has no key permissions)',
    );
    expect(summarizePermissions([])).toBe('No permissions');
    expect(summarizePermissions(['chatflows:view', 'tools:view'])).toBe(
      'View only: chatflows, tools',
    );
    expect(summarizePermissions(['chatflows:view', 'chatflows:create', 'tools:view'])).toBe(
      'chatflows: view, create · tools: view',
    );
  });
});
