// /apikey as Flowise serves it: whole-list answers to POST and PUT, DeleteResult (or, on 2.x, the
// remaining list) to DELETE, the subset rule on listing and granting, the 412/400/404 messages.
import type { FakeKey } from './fake-flowise-state.js';
import type { FakeRequest, FakeRoute, Reply } from './fake-flowise-http.js';
import { bodyObject, DELETED, HttpFail, json, page, route } from './fake-flowise-http.js';

function visibleKeys(request: FakeRequest): FakeKey[] {
  const { state, caller } = request;
  const all = [...state.keys.values()];
  // API-key callers are never org admins, so they see only keys within their own permissions.
  if (!state.scoped || caller === undefined) return all;
  return all.filter((k) => k.permissions.every((p) => caller.permissions.includes(p)));
}

const list = (request: FakeRequest): Reply =>
  json(
    200,
    visibleKeys(request).map((k) => request.state.keyRow(k)),
  );

function checkedPermissions(request: FakeRequest, where: string): string[] | undefined {
  if (!request.state.scoped) return undefined;
  const { permissions } = bodyObject(request);
  if (
    !Array.isArray(permissions) ||
    permissions.length === 0 ||
    permissions.some((p) => typeof p !== 'string')
  )
    throw new HttpFail(
      412,
      `Error: apikeyController.${where} - permissions must be an array of strings!`,
    );
  const wanted = permissions as string[];
  if (wanted.some((p) => p.startsWith('workspace:') || p.startsWith('admin:')))
    throw new HttpFail(400, 'Cannot create API key with workspace or admin permissions');
  const own = request.caller?.permissions;
  if (own !== undefined && wanted.some((p) => !own.includes(p)))
    throw new HttpFail(
      400,
      'Cannot create API key with permissions that exceed your own permissions',
    );
  return wanted;
}

function checkedName(request: FakeRequest, where: string): string {
  const { keyName } = bodyObject(request);
  if (typeof keyName !== 'string' || keyName === '')
    throw new HttpFail(412, `Error: apikeyController.${where} - keyName not provided!`);
  return keyName;
}

export const keyRoutes: FakeRoute[] = [
  route(
    'GET',
    '/apikey',
    (request) => {
      const { state, query } = request;
      // 3.0.1–3.0.12 and 2.x make a DefaultKey when there is none.
      if (!state.scoped && state.keys.size === 0) state.addKey('DefaultKey');
      const page = Number(query.get('page'));
      const limit = Number(query.get('limit'));
      if (!state.workspaces || !(page > 0 && limit > 0)) return list(request);
      // Flowise pages in SQL, then filters, and reports the page's size as the total.
      const all = [...state.keys.values()].slice((page - 1) * limit, page * limit);
      const visible = visibleKeys(request).filter((k) => all.includes(k));
      return json(200, { total: visible.length, data: visible.map((k) => state.keyRow(k)) });
    },
    { anyOf: 'apikeys:view' },
  ),
  route(
    'POST',
    '/apikey',
    (request) => {
      const keyName = checkedName(request, 'createApiKey');
      const permissions = checkedPermissions(request, 'createApiKey');
      request.state.addKey(keyName, permissions ?? []);
      return list(request);
    },
    { anyOf: 'apikeys:create' },
  ),
  route(
    'PUT',
    '/apikey/:id',
    (request, { id = '' }) => {
      const keyName = checkedName(request, 'updateApiKey');
      const permissions = checkedPermissions(request, 'updateApiKey');
      const key = request.state.keys.get(id);
      if (key === undefined) {
        // 2.x: api.json storage answers an empty list; the database a 500 that hides the 404.
        if (request.state.apiKeyStorage === 'json') return json(200, []);
        // Up to 3.0.12 the service wraps its own 404 in a 500.
        if (!request.state.scoped)
          throw new HttpFail(500, 'Error: apikeyService.updateApiKey - ApiKey null not found');
        throw new HttpFail(404, 'ApiKey null not found');
      }
      key.keyName = keyName;
      if (permissions !== undefined) key.permissions = permissions;
      key.updatedDate = request.state.now();
      return list(request);
    },
    { anyOf: 'apikeys:create,apikeys:update' },
  ),
  route(
    'DELETE',
    '/apikey/:id',
    (request, { id = '' }) => {
      const existed = request.state.keys.delete(id);
      return request.state.workspaces ? DELETED(existed ? 1 : 0) : list(request);
    },
    { anyOf: 'apikeys:delete' },
  ),
  route(
    'POST',
    '/apikey/import',
    (request) => {
      const { state } = request;
      // 3.0.13 removed the route: the request falls through to the web page.
      if (state.scoped) return page();
      const { jsonFile, importMode } = bodyObject(request);
      const [head, data = ''] = typeof jsonFile === 'string' ? jsonFile.split(',') : [];
      if (head !== 'data:application/json;base64')
        throw new HttpFail(500, 'Error: apikeyService.importKeys - Invalid dataURI');
      const wanted = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as {
        keyName: string;
        apiKey: string;
        id: string;
      }[];
      const names = new Set([...state.keys.values()].map((k) => k.keyName));
      if (importMode === 'errorIfExist')
        for (const key of wanted)
          if (names.has(key.keyName))
            throw new HttpFail(
              500,
              `Error: apikeyService.importKeys - Key with name ${key.keyName} already exists`,
            );
      // 2.x keeps the id it is sent; 3.0.x makes a new one.
      const added = wanted.map((key) =>
        state.addKey(key.keyName, [], {
          apiKey: key.apiKey,
          ...(state.workspaces ? {} : { id: key.id }),
        }),
      );
      // 2.x with api.json answers with the imported keys only.
      if (state.apiKeyStorage === 'json')
        return json(
          200,
          added.map((k) => state.keyRow(k)),
        );
      return list(request);
    },
    { anyOf: 'apikeys:create' },
  ),
  route(
    'GET',
    '/verify/apikey/:apikey',
    (request, { apikey = '' }) =>
      request.state.keyByValue(decodeURIComponent(apikey)) === undefined
        ? json(401, { statusCode: 401, success: false, message: 'Unauthorized' })
        : json(200, 'OK'),
    { open: true },
  ),
];
