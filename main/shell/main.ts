// Electron entry: app lifecycle only. Security switches that must precede 'ready' run first.
import { join } from 'node:path';

import type { BrowserWindow } from 'electron';
import { app } from 'electron';

import { registerAppProtocol, registerAppScheme } from './app-protocol.js';
import type { Shell } from './compose-shell.js';
import { composeShell } from './compose-shell.js';
import { createMainWindow, hardenWebContents } from './window.js';

// Built to dist/main/main.js; the preload and renderer builds sit beside it.
const distDir = join(import.meta.dirname, '..');
const preloadPath = join(distDir, 'preload', 'preload.cjs');
const rendererDir = join(distDir, 'renderer');

let shell: Shell | undefined;
let mainWindow: BrowserWindow | undefined;
let shutDown = false;

function openWindow(active: Shell): void {
  const window = createMainWindow({ preload: preloadPath, isPackaged: app.isPackaged });
  active.attach(window);
  window.on('closed', () => {
    mainWindow = undefined;
  });
  if (!app.isPackaged && process.argv.includes('--dev')) {
    window.webContents.openDevTools({ mode: 'detach' });
  }
  mainWindow = window;
}

async function start(): Promise<void> {
  await app.whenReady();
  registerAppProtocol(rendererDir);
  shell = composeShell({
    userData: app.getPath('userData'),
    version: app.getVersion(),
    platform: process.platform,
  });
  openWindow(shell);
}

/** Locks the vault before the process goes, whichever quit path got us here. */
function lockThenQuit(event: Electron.Event): void {
  if (shutDown || shell === undefined) return;
  event.preventDefault();
  shutDown = true;
  shell
    .shutdown()
    .catch(() => {
      shell?.logger.error('shutdown failed');
    })
    .finally(() => {
      app.quit();
    });
}

// Tests give each run its own data folder. Never in a packaged build, where the vault's location
// must not depend on the environment. Runs first: the single-instance lock lives in userData.
const testUserData = process.env['FKV_USER_DATA'];
if (!app.isPackaged && testUserData !== undefined && testUserData !== '') {
  app.setPath('userData', testUserData);
}

// A second instance would be a second writer of the same vault file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  registerAppScheme();

  app.on('second-instance', () => {
    if (mainWindow === undefined) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Defence in depth: any WebContents, not just ours, gets the navigation and permission locks.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
  // Closing the window quits on every platform, so an unlocked vault never outlives its window.
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('before-quit', lockThenQuit);
  app.on('will-quit', lockThenQuit);

  start().catch((error: unknown) => {
    console.error(
      'Flowise Key Vault failed to start:',
      error instanceof Error ? error.name : error,
    );
    app.exit(1);
  });
}
