// The permissions Flowise 3.0.13+ checks on the routes this client calls (routes/*/index.ts,
// checkPermission / checkAnyPermission). A 403 names them so the person knows what to grant.
import type { HttpRequest } from '../ports.js';

interface RouteRule {
  method: HttpRequest['method'];
  path: RegExp;
  /** Any one of these passes the check. */
  anyOf: readonly string[];
}

const ID = '[^/]+';
const rule = (method: RouteRule['method'], path: string, anyOf: string): RouteRule => ({
  method,
  path: new RegExp(`^${path}$`),
  anyOf: anyOf.split(','),
});

const RULES: readonly RouteRule[] = [
  rule('GET', '/apikey', 'apikeys:view'),
  rule('POST', '/apikey', 'apikeys:create'),
  rule('PUT', `/apikey/${ID}`, 'apikeys:create,apikeys:update'),
  rule('DELETE', `/apikey/${ID}`, 'apikeys:delete'),
  rule('GET', '/chatflows', 'chatflows:view,chatflows:update,agentflows:view,agentflows:update'),
  rule(
    'GET',
    `/chatflows/${ID}`,
    'chatflows:view,chatflows:update,chatflows:delete,agentflows:view,agentflows:update,agentflows:delete',
  ),
  rule(
    'PUT',
    `/chatflows/${ID}`,
    'chatflows:create,chatflows:update,agentflows:create,agentflows:update',
  ),
  rule('GET', '/credentials', 'credentials:view'),
  rule('POST', '/credentials', 'credentials:create'),
  rule('GET', `/credentials/${ID}`, 'credentials:create,credentials:update'),
  rule('PUT', `/credentials/${ID}`, 'credentials:create,credentials:update'),
  rule('DELETE', `/credentials/${ID}`, 'credentials:delete'),
];

/** The permissions that open a route, or [] when Flowise checks none beyond a valid key. */
export function permissionsFor(method: HttpRequest['method'], path: string): readonly string[] {
  const bare = path.split('?')[0] ?? path;
  return RULES.find((r) => r.method === method && r.path.test(bare))?.anyOf ?? [];
}

/** "apikeys:view", "apikeys:create or apikeys:update", "one of a, b or c". */
export function describeNeed(anyOf: readonly string[]): string {
  if (anyOf.length <= 2) return anyOf.join(' or ');
  return `one of ${anyOf.slice(0, -1).join(', ')} or ${anyOf[anyOf.length - 1] ?? ''}`;
}
