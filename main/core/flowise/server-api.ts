// What a server says about itself: ping, version, platform, and the permissions a key may hold.
import type { z } from 'zod';

import type { ConnectionDescription } from '../instances/connection-report.js';
import { deepFreeze } from '../../../common/deep-freeze.js';
import type { Transport } from './flowise-transport.js';
import { PermissionCatalog, SettingsAnswer, VersionAnswer } from './flowise-schemas.js';
import { notFlowise } from './response-errors.js';

export type Platform = ConnectionDescription['platform'];

export interface PermissionChoice {
  key: string;
  label: string;
  openSource: boolean;
  enterprise: boolean;
  cloud: boolean;
}

export interface PermissionGroup {
  category: string;
  permissions: PermissionChoice[];
}

export interface ServerApi {
  /** Resolves when the server answers `pong`; anything else is not a Flowise API. */
  ping(): Promise<void>;
  version(): Promise<string>;
  /** 3.0.1+ only: earlier servers answer /settings with their web page (not_flowise). */
  platform(): Promise<Platform>;
  /** The grantable permissions (3.0.13+), in the server's order. `kept`: as read before in this
   * unlock, without asking again; they change only with the server's version, which the
   * generation (kept per unlock too) would not see either before a connection test or a lock. */
  keyPermissions(options?: { kept?: boolean }): Promise<PermissionGroup[]>;
}

const PLATFORMS: readonly string[] = ['open source', 'enterprise', 'cloud'];

export function createServerApi(t: Transport): ServerApi {
  return {
    async ping() {
      const response = await t.send('GET', '/ping', {
        // Flowise answers its ping to anyone: a refusal or a missing route means something else.
        onError: (answer, ctx) =>
          [401, 403, 404, 405].includes(answer.status) ? notFlowise(ctx, answer) : undefined,
      });
      // Flowise sends `pong` as text/html, so the body decides, not the content type.
      if (response.body.trim() !== 'pong')
        throw notFlowise({ host: t.host, method: 'GET', path: '/ping', secrets: [] }, response);
    },
    async version() {
      return (await t.json('GET', '/version', VersionAnswer)).version;
    },
    async platform() {
      const type = (await t.json('GET', '/settings', SettingsAnswer)).PLATFORM_TYPE;
      // An enterprise server with an invalid licence answers `{}`.
      if (type === undefined) return 'enterprise';
      return PLATFORMS.includes(type) ? (type as Platform) : 'unknown';
    },
    async keyPermissions(options = {}) {
      const catalog = await t.json('GET', '/auth/permissions/API_KEY', PermissionCatalog, {
        conditional: options.kept === true ? 'unlock' : true,
      });
      return groupsOf(catalog);
    },
  };
}

type Catalog = z.output<typeof PermissionCatalog>;

/** One list of groups per catalog the server sent: an unchanged catalog (a 304, the same kept
 * value) gives the same groups, so what callers derive from them can be kept too. */
const groupsKept = new WeakMap<Catalog, PermissionGroup[]>();
function groupsOf(catalog: Catalog): PermissionGroup[] {
  let groups = groupsKept.get(catalog);
  if (groups === undefined) {
    groups = Object.entries(catalog).map(([category, entries]) => ({
      category,
      permissions: entries.map((e) => ({
        key: e.key,
        label: e.value,
        openSource: e.isOpenSource,
        enterprise: e.isEnterprise,
        cloud: e.isCloud,
      })),
    }));
    // Shared like the kept catalog it comes from, so read-only like it.
    if (Object.isFrozen(catalog)) deepFreeze(groups);
    groupsKept.set(catalog, groups);
  }
  return groups;
}
