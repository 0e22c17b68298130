// The headless first run of a Flowise 3.x server, as start.sh does it: register the owner, log in,
// and create an API key holding every permission a key may hold. Error messages carry statuses,
// never bodies: the key list in particular comes back with every key in plain text.
export interface Admin {
  email: string;
  password: string;
}

export interface CreatedKey {
  apiKey: string;
  apiKeyId: string;
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

export async function bootstrapFlowise(base: string, admin: Admin): Promise<CreatedKey> {
  await registerIfNeeded(base, admin);
  // Cookie calls must say they come from the UI, or the server treats them as API-key calls.
  const session = { Cookie: await login(base, admin), 'x-request-from': 'internal' };
  const catalogue = await call(
    `${base}/api/v1/auth/permissions/API_KEY`,
    { headers: session },
    'reading the permission catalogue',
  );
  const groups = (await catalogue.json()) as Record<string, { key: string }[]>;
  const permissions = Object.values(groups)
    .flat()
    .map((p) => p.key);
  if (permissions.length === 0) throw new Error('the permission catalogue is empty');

  const keyName = `test-suite-full-${Date.now()}`;
  const created = await call(
    `${base}/api/v1/apikey`,
    {
      method: 'POST',
      headers: { ...session, ...json },
      body: JSON.stringify({ keyName, permissions }),
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
  return { apiKey: entry.apiKey, apiKeyId: entry.id };
}
