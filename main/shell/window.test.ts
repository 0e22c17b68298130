import { beforeEach, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN } from '../../common/ipc/app-scheme.js';
import type { BrowserWindow as FakeWindow } from './testing/electron-fake.js';
import { fakeEvent, resetElectronFake } from './testing/electron-fake.js';
import {
  APP_ENTRY_URL,
  createMainWindow,
  hardenWebContents,
  secureWebPreferences,
} from './window.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const PRELOAD = '/app/dist/preload/preload.cjs';

function openWindow(isPackaged = true): FakeWindow {
  return createMainWindow({ preload: PRELOAD, isPackaged }) as unknown as FakeWindow;
}

describe('secureWebPreferences', () => {
  it('turns on every isolation switch and off every risky one', () => {
    expect(secureWebPreferences({ preload: PRELOAD, isPackaged: true })).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      devTools: false,
      preload: PRELOAD,
    });
  });

  it('takes middle-click away, so no link can open a window that way', () => {
    expect(secureWebPreferences({ preload: PRELOAD, isPackaged: true }).disableBlinkFeatures).toBe(
      'Auxclick',
    );
  });

  it('never enables extra Blink features', () => {
    expect(secureWebPreferences({ preload: PRELOAD, isPackaged: true })).not.toHaveProperty(
      'enableBlinkFeatures',
    );
  });

  it('allows DevTools only in unpackaged builds', () => {
    expect(secureWebPreferences({ preload: PRELOAD, isPackaged: false }).devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('uses the secure preferences and loads the app origin, not file://', () => {
    const window = openWindow();
    expect(window.options.webPreferences).toEqual(
      secureWebPreferences({ preload: PRELOAD, isPackaged: true }),
    );
    expect(window.webContents.mainFrame.url).toBe(APP_ENTRY_URL);
    expect(APP_ENTRY_URL.startsWith(`${APP_ORIGIN}/`)).toBe(true);
  });

  it('denies window.open for every URL', () => {
    const { webContents } = openWindow();
    for (const url of ['https://evil.example/', `${APP_ORIGIN}/index.html`, 'about:blank']) {
      expect(webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s: blocks other origins', (name) => {
    const { webContents } = openWindow();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://evil.example/index.html',
      'app://user@flowise-key-vault/index.html',
      'app://flowise-key-vault:8080/index.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const event = fakeEvent({ url });
      webContents.emit(name, event);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s: allows the app origin', (name) => {
    const { webContents } = openWindow();
    const event = fakeEvent({ url: `${APP_ORIGIN}/index.html#/keys` });
    webContents.emit(name, event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('refuses to attach webviews', () => {
    const { webContents } = openWindow();
    const event = fakeEvent({});
    webContents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { session } = openWindow().webContents;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission, APP_ORIGIN, {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({})).toBe(false);
  });

  it('lets only our own blob downloads through, and always with a save dialog', () => {
    const { session } = openWindow().webContents;
    const item = (url: string) => ({
      getURL: () => url,
      getFilename: () => 'flowise-key-vault-audit.json',
      setSaveDialogOptions: vi.fn(),
    });
    const ours = item(`blob:${APP_ORIGIN}/8c1e6a2b-0000-4000-8000-000000000000`);
    const allowed = fakeEvent({});
    session.emit('will-download', allowed, ours);
    expect(allowed.defaultPrevented).toBe(false);
    expect(ours.setSaveDialogOptions).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: 'flowise-key-vault-audit.json' }),
    );
    for (const url of [
      'https://evil.example/x.exe',
      'blob:https://evil.example/1',
      'file:///etc/passwd',
    ]) {
      const refused = fakeEvent({});
      session.emit('will-download', refused, item(url));
      expect(refused.defaultPrevented).toBe(true);
    }
    expect(session.listenerCount('will-download')).toBe(1);
  });

  it('titles the save dialog of an Overview export and filters by its format', () => {
    const { session } = openWindow().webContents;
    for (const [file, name, extension] of [
      ['flowise-key-vault-overview-x.md', 'Markdown', 'md'],
      ['flowise-key-vault-overview-x.csv', 'CSV', 'csv'],
      ['flowise-key-vault-overview-x.json', 'JSON', 'json'],
    ] as const) {
      const download = {
        getURL: () => `blob:${APP_ORIGIN}/8c1e6a2b-0000-4000-8000-000000000000`,
        getFilename: () => file,
        setSaveDialogOptions: vi.fn(),
      };
      session.emit('will-download', fakeEvent({}), download);
      expect(download.setSaveDialogOptions).toHaveBeenCalledWith({
        title: 'Save the Overview report',
        defaultPath: file,
        filters: [{ name, extensions: [extension] }],
      });
    }
  });

  it('titles the save dialog of an encrypted backup and filters by .fkvbak', () => {
    const { session } = openWindow().webContents;
    const download = {
      getURL: () => `blob:${APP_ORIGIN}/8c1e6a2b-0000-4000-8000-000000000000`,
      getFilename: () => 'flowise-key-vault-2026-12-06.fkvbak',
      setSaveDialogOptions: vi.fn(),
    };
    session.emit('will-download', fakeEvent({}), download);
    expect(download.setSaveDialogOptions).toHaveBeenCalledWith({
      title: 'Save the encrypted backup',
      defaultPath: 'flowise-key-vault-2026-12-06.fkvbak',
      filters: [{ name: 'Encrypted backup', extensions: ['fkvbak'] }],
    });
  });

  it('hardens a WebContents only once', () => {
    const { webContents } = openWindow();
    hardenWebContents(webContents as never);
    expect(webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('shows the window only when ready to show', () => {
    const window = openWindow();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });
});
