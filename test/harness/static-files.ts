// Serves the built renderer, with the bridge script placed before the app's own module.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

import { BRIDGE_PATH } from './wire.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export interface StaticRoots {
  renderer: string;
  bridgeFile: string;
}

export function createStaticHandler(roots: StaticRoots, csp: () => string) {
  const root = resolve(roots.renderer);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://harness');
    let file: string;
    if (url.pathname === BRIDGE_PATH) file = roots.bridgeFile;
    else {
      const relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
      file = join(root, relative === '' ? 'index.html' : relative);
      if (file !== root && !file.startsWith(root + sep)) {
        send(res, 403, 'text/plain', 'Forbidden');
        return;
      }
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      send(res, 404, 'text/plain', 'Not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      const html = body
        .toString('utf8')
        .replace('<head>', `<head><script src="${BRIDGE_PATH}"></script>`);
      res.setHeader('Content-Security-Policy', csp());
      send(res, 200, type, html);
      return;
    }
    send(res, 200, type, body);
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
