// The one app window, locked down per Electron's security checklist: sandboxed, isolated, no Node,
// no webviews, no popups, no navigation away from app://, and no web permissions.
import type {
  BrowserWindowConstructorOptions,
  SaveDialogOptions,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';
import { BrowserWindow } from 'electron';

import { APP_ORIGIN } from '../../common/ipc/app-scheme.js';
import { isAppUrl } from './app-origin.js';

export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface MainWindowOptions {
  /** Absolute path of dist/preload/preload.cjs. */
  preload: string;
  /** Packaged builds never get DevTools. */
  isPackaged: boolean;
}

/** Pure, so tests can pin every value; each one is spelled out even where it is the default. */
export function secureWebPreferences({ preload, isPackaged }: MainWindowOptions): WebPreferences {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // No enableBlinkFeatures: nothing beyond what Chromium ships enabled. Middle-click (auxclick)
    // is taken away, as a second lock behind the window-open handler on links that open windows.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    devTools: !isPackaged,
    safeDialogs: true,
    navigateOnDragDrop: false,
    preload,
  };
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Flowise Key Vault',
    webPreferences: secureWebPreferences(options),
  };
}

const hardened = new WeakSet<WebContents>();

/**
 * Applied to every WebContents the app creates (main.ts also calls it from web-contents-created),
 * so a future window cannot forget it. Safe to call twice.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  // Popups would escape the preload and CSP; links to the outside world are not a vault feature.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A navigated window would keep our preload's window.api; only app:// may load in it.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // webviewTag is off; refuse attachment anyway in case a preference is ever flipped.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  // Electron grants every permission by default; the vault needs none (the clipboard runs in main).
  const { session } = contents;
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  guardDownloads(session);
}

const guardedSessions = new WeakSet<Session>();

const EXPORT_FORMATS: Record<string, { name: string; extensions: string[] }> = {
  md: { name: 'Markdown', extensions: ['md'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  fkvbak: { name: 'Encrypted backup', extensions: ['fkvbak'] },
};

function saveDialogTitle(fileName: string, extension: string): string {
  if (extension === 'fkvbak') return 'Save the encrypted backup';
  return fileName.startsWith('flowise-key-vault-overview')
    ? 'Save the Overview report'
    : 'Save the audit log';
}

/** The save dialog for one of our exports: the audit log, the Overview report, or a backup. */
function saveDialogOptions(fileName: string): SaveDialogOptions {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return {
    title: saveDialogTitle(fileName, extension),
    defaultPath: fileName,
    filters: [EXPORT_FORMATS[extension] ?? { name: 'JSON', extensions: ['json'] }],
  };
}

/**
 * The only downloads are the exports (the audit log, the Overview report, an encrypted backup),
 * which the renderer builds as blobs of its own page. Anything else is refused; an export always goes through a save
 * dialog, never silently into the Downloads folder.
 */
export function guardDownloads(session: Session): void {
  if (guardedSessions.has(session)) return;
  guardedSessions.add(session);
  session.on('will-download', (event, item) => {
    if (!item.getURL().startsWith(`blob:${APP_ORIGIN}/`)) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions(saveDialogOptions(item.getFilename()));
  });
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...mainWindowOptions(options),
    // The isolation switches again, written out where the window is made so that a scan of the
    // built bundle (Electronegativity, in CI) can see them; window.test.ts checks both agree.
    webPreferences: {
      ...secureWebPreferences(options),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => {
    window.show();
  });
  // A failed load leaves an empty window rather than an unhandled rejection in main; a reload
  // (after a lock) also rejects the pending load with ERR_ABORTED, which is expected.
  window.loadURL(APP_ENTRY_URL).catch(() => undefined);
  return window;
}
