// The headless first run of a Flowise server, each line its own way (docs/flowise-versions.md):
// - 3.0.13+: register the owner, log in, create a key holding every permission a key may hold;
// - 3.0.1–3.0.12: register, log in, create a key (keys there carry no permissions: workspace owner);
// - 2.0.6–3.0.0: no accounts; with no basic auth set, `x-request-from: internal` reaches the
//   management routes, and any key has full access.
// Error messages carry statuses, never bodies: the key list comes back with every key in plain text.
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { generationOfVersion } from '../../main/core/flowise/generation.js';

export interface Admin {
  email: string;
  password: string;
}

export interface CreatedKey {
  apiKey: string;
  apiKeyId: string;
  /** What the server's /version answered. */
  version: string;
}

interface KeyEntry {
  id?: unknown;
  keyName?: unknown;
  apiKey?: unknown;
}

async function call(url: string, init: RequestInit, what: string): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`${what} failed: HTTP ${response.status}`);
  }
  return response;
}

const json = { 'Content-Type': 'application/json' };

async function registerIfNeeded(base: string, admin: Admin): Promise<void> {
  const resolved = await call(`${base}/api/v1/auth/resolve`, { method: 'POST' }, 'auth/resolve');
  const { redirectUrl } = (await resolved.json()) as { redirectUrl?: unknown };
  if (redirectUrl !== '/organization-setup') return;
  const user = { name: 'Admin', email: admin.email, credential: admin.password };
  const body = JSON.stringify({ user });
  await call(
    `${base}/api/v1/account/register`,
    { method: 'POST', headers: json, body },
    'register',
  );
}

/** The session cookies, as one Cookie header. */
async function login(base: string, admin: Admin): Promise<string> {
  const body = JSON.stringify({ email: admin.email, password: admin.password });
  const response = await call(
    `${base}/api/v1/auth/login`,
    { method: 'POST', headers: json, body },
    'login',
  );
  await response.body?.cancel();
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (cookies.length === 0) throw new Error('login set no session cookie');
  return cookies.join('; ');
}

async function allKeyPermissions(base: string, session: Record<string, string>): Promise<string[]> {
  const catalog = await call(
    `${base}/api/v1/auth/permissions/API_KEY`,
    { headers: session },
    'reading the permission catalog',
  );
  const groups = (await catalog.json()) as Record<string, { key: string }[]>;
  const permissions = Object.values(groups)
    .flat()
    .map((p) => p.key);
  if (permissions.length === 0) throw new Error('the permission catalog is empty');
  return permissions;
}

/** The version and line the server says it has; a server too old to manage keys is refused. */
async function serverVersion(
  base: string,
): Promise<{ version: string; generation: FlowiseGeneration }> {
  const response = await call(`${base}/api/v1/version`, {}, 'reading the version');
  const { version } = (await response.json()) as { version?: unknown };
  const generation = typeof version === 'string' ? generationOfVersion(version) : undefined;
  if (typeof version !== 'string' || generation === undefined || generation === 'too-old')
    throw new Error(`the test suites need Flowise 2.0.6 or newer, not ${String(version)}`);
  return { version, generation };
}

export async function bootstrapFlowise(base: string, admin: Admin): Promise<CreatedKey> {
  const { version, generation } = await serverVersion(base);
  // Cookie calls (and, on 2.x, anonymous ones) must say they come from the UI, or the server
  // treats them as API-key calls.
  const session: Record<string, string> = { 'x-request-from': 'internal' };
  if (generation !== '2.0.6-3.0.0') {
    await registerIfNeeded(base, admin);
    session['Cookie'] = await login(base, admin);
  }
  const keyName = `test-suite-full-${Date.now()}`;
  const permissions =
    generation === '3.0.13+' ? { permissions: await allKeyPermissions(base, session) } : {};
  const created = await call(
    `${base}/api/v1/apikey`,
    {
      method: 'POST',
      headers: { ...session, ...json },
      body: JSON.stringify({ keyName, ...permissions }),
    },
    'creating the API key',
  );
  const entry = ((await created.json()) as KeyEntry[]).find((k) => k.keyName === keyName);
  if (typeof entry?.apiKey !== 'string' || typeof entry.id !== 'string') {
    throw new Error('the new API key is missing from the answer');
  }
  const auth = { Authorization: `Bearer ${entry.apiKey}` };
  const check = await call(`${base}/api/v1/apikey`, { headers: auth }, 'using the new API key');
  await check.body?.cancel();
  return { apiKey: entry.apiKey, apiKeyId: entry.id, version };
}
