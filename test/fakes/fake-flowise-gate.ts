// The fake's /api/v1 gate and router, in the real server's order: letter case, whitelist,
// `x-request-from: internal` (cookie auth in 3.x, an auth bypass in 2.x), the API key, the route's
// permission (3.0.13+), then the route, or the web page when there is none.
import type { FakeKey, FakeState } from './fake-flowise-state.js';
import type { FakeRequest, FakeRoute, Reply } from './fake-flowise-http.js';
import {
  FORBIDDEN,
  failureReply,
  GATE_UNAUTHORIZED,
  HttpFail,
  json,
  page,
} from './fake-flowise-http.js';

export interface GateInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  raw: string;
}

export interface GateConfig {
  state: FakeState;
  routes: readonly FakeRoute[];
  version: string;
  platform: string;
}

function run(route: FakeRoute, params: Record<string, string>, request: FakeRequest): Reply {
  try {
    return route.handle(request, params);
  } catch (error) {
    if (error instanceof HttpFail) return failureReply(error.status, error.message);
    return failureReply(500, error instanceof Error ? error.message : 'failure');
  }
}

function callerOf(
  config: GateConfig,
  headers: Record<string, string>,
): FakeKey | Reply | undefined {
  if (headers['x-request-from'] === 'internal') {
    // 2.x without basic auth let this header skip authentication altogether.
    if (config.state.generation === '2.0.6-3.0.0') return undefined;
    return json(401, { message: 'Invalid or Missing token' });
  }
  const supplied = (headers.authorization ?? '').split('Bearer ').pop() ?? '';
  return config.state.keyByValue(supplied) ?? GATE_UNAUTHORIZED();
}

export function answer(config: GateConfig, input: GateInput): Reply {
  const { pathname } = input.url;
  if (!pathname.startsWith('/api/v1/'))
    return pathname.toLowerCase().startsWith('/api/v1/') ? GATE_UNAUTHORIZED() : page();
  let body: unknown = undefined;
  if (input.raw !== '') {
    try {
      body = JSON.parse(input.raw);
    } catch (error) {
      return failureReply(400, error instanceof Error ? error.message : 'Bad JSON');
    }
  }
  const path = pathname.slice('/api/v1'.length);
  let params: Record<string, string> = {};
  const found = config.routes.find((r) => {
    if (r.method !== input.method) return false;
    const match = r.pattern.exec(path);
    params = { ...(match?.groups ?? {}) };
    return match !== null;
  });
  const request: FakeRequest = {
    method: input.method,
    path,
    query: input.url.searchParams,
    headers: input.headers,
    body,
    caller: undefined,
    state: config.state,
    version: config.version,
    platform: config.platform,
  };
  if (found?.open === true) return run(found, params, request);
  const caller = callerOf(config, input.headers);
  if (caller !== undefined && 'status' in caller) return caller;
  if (found === undefined) return page();
  const allowed =
    !config.state.scoped ||
    caller === undefined ||
    found.anyOf === undefined ||
    found.anyOf.some((p) => caller.permissions.includes(p));
  if (!allowed) return FORBIDDEN();
  return run(found, params, { ...request, caller });
}
