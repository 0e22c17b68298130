// Serves the renderer bundle at app://flowise-key-vault/ instead of file://, so the page has a real
// origin for the CSP, IPC checks and the preload, and file:// keeps no special privileges for us.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, posix, relative, resolve, sep, win32 } from 'node:path';

import { protocol } from 'electron';

import { APP_SCHEME } from '../../common/ipc/app-scheme.js';
import { isAppUrl } from './app-origin.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Every response carries these, errors included: the CSP is the page's second line of defence. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/**
 * Maps a request URL to a file inside `root`, or null when it must be refused: another host, a
 * malformed escape, a NUL or backslash, an absolute path, or anything resolving outside `root`.
 * Pure, so the traversal cases are unit-tested without Electron.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  // Backslashes are separators on Windows and never appear in our bundle's names.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rest = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (posix.isAbsolute(rest) || win32.isAbsolute(rest)) return null;
  const base = resolve(root);
  const file = resolve(base, rest === '' ? 'index.html' : rest);
  const inside = relative(base, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return null;
  }
  return file;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** The request handler itself, exported so tests can call it without a protocol registry. */
export function createAppRequestHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return textResponse(405, 'Method not allowed');
    const file = resolveAppPath(rendererDir, request.url);
    if (file === null) return textResponse(403, 'Forbidden');
    try {
      if (!(await stat(file)).isFile()) return textResponse(404, 'Not found');
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: securityHeaders(contentTypeOf(file)),
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}

/**
 * Must run before app 'ready'. standard: relative URLs and a real origin; secure: treated like
 * https; supportFetchAPI: the bundle may fetch its own assets. No bypassCSP, no corsEnabled.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Runs after 'ready'. `rendererDir` is dist/renderer; nothing outside it is ever served. */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
