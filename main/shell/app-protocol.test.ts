import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN } from '../../common/ipc/app-scheme.js';
import {
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  registerAppProtocol,
  registerAppScheme,
  resolveAppPath,
} from './app-protocol.js';
import { protocol, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const ROOT = join(tmpdir(), 'fkv-renderer-root');

describe('resolveAppPath', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/`)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/index.html`)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/assets/index-abc.js?v=1#x`)).toBe(
      join(ROOT, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}/assets/my%20font.woff2`)).toBe(
      join(ROOT, 'assets', 'my font.woff2'),
    );
  });

  // The URL parser (Node's here, Chromium's in the app) resolves these dot segments against the
  // root before the handler sees them, so they can only land inside the folder.
  it.each(['/../../etc/passwd', '/assets/../../secret.txt', '/%2e%2e/%2e%2e/etc/passwd'])(
    'clamps %s to the renderer folder',
    (path) => {
      const file = resolveAppPath(ROOT, `${APP_ORIGIN}${path}`);
      expect(file?.startsWith(join(ROOT, '/'))).toBe(true);
    },
  );

  // Encoded separators survive URL parsing and are caught by the resolver itself.
  it.each([
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%2f..%2fetc%2fpasswd',
    '/assets%2f..%2f..%2fvault.fkv',
    '/..%5c..%5cvault.fkv',
    '/assets%5cindex.js',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
    '/C:%5CWindows%5Cwin.ini',
    '/C:/Windows/win.ini',
    '/%5C%5Cserver%5Cshare',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses %s', (path) => {
    expect(resolveAppPath(ROOT, `${APP_ORIGIN}${path}`)).toBeNull();
  });

  it.each([
    'app://evil.example/index.html',
    'app://user@flowise-key-vault/index.html',
    'file:///etc/passwd',
    'https://flowise-key-vault/index.html',
  ])('refuses another origin: %s', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });
});

describe('the app:// handler', () => {
  let root: string;
  const get = (path: string, method = 'GET') =>
    createAppRequestHandler(root)(new Request(`${APP_ORIGIN}${path}`, { method }));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fkv-protocol-'));
    await mkdir(join(root, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>vault</title>');
    await writeFile(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'vault.fkv'), 'outside the renderer');
    root = join(root, 'renderer');
  });
  afterAll(async () => {
    await rm(join(root, '..'), { recursive: true, force: true });
  });
  beforeEach(() => {
    resetElectronFake();
  });

  it('serves index.html with the CSP and nosniff', async () => {
    const response = await get('/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>vault</title>');
  });

  it('pins the policy the design asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('serves scripts as JavaScript, so module scripts load', async () => {
    const response = await get('/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal with 403 and still sends the CSP', async () => {
    const response = await get('/assets/..%2f..%2fvault.fkv');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    expect((await get('/index.html', 'POST')).status).toBe(405);
    expect((await get('/index.html', 'HEAD')).status).toBe(200);
  });

  it('registers a standard, secure scheme without bypassing the CSP', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    registerAppProtocol(root);
    expect(protocol.handlers.has('app')).toBe(true);
  });
});
