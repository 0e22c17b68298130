// What the server says about itself: /ping (text `pong`, sent as text/html like the real one),
// /version, /settings (3.0.1+) and the permission catalog (3.0.13+).
import type { FakeGeneration } from './fake-flowise-state.js';
import type { FakeRoute } from './fake-flowise-http.js';
import { json, route, textReply } from './fake-flowise-http.js';
import { permissionCatalog } from './fake-permissions.js';

export function serverRoutes(generation: FakeGeneration, versionIsOpen: boolean): FakeRoute[] {
  const routes = [
    route('GET', '/ping', () => textReply('pong'), { open: true }),
    route('GET', '/version', (request) => json(200, { version: request.version }), {
      open: versionIsOpen,
    }),
  ];
  if (generation !== '2.0.6-3.0.0')
    routes.push(
      route(
        'GET',
        '/settings',
        (request) => json(200, request.platform === '' ? {} : { PLATFORM_TYPE: request.platform }),
        {
          open: true,
        },
      ),
    );
  if (generation === '3.0.13+')
    routes.push(route('GET', '/auth/permissions/:type', () => json(200, permissionCatalog())));
  return routes;
}
