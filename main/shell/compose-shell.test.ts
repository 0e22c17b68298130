// The shell wired end to end: real core, real files in a temp folder, faked Electron.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserWindow as ElectronWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN } from '../../common/ipc/app-scheme.js';
import { ipcEventChannel, ipcInvokeChannel } from '../../common/ipc/channel-names.js';
import type { Shell } from './compose-shell.js';
import { composeShell } from './compose-shell.js';
import { FORBIDDEN } from './ipc-transport.js';
import type { FakeWebFrameMain } from './testing/electron-fake.js';
import { app, BrowserWindow, powerMonitor, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

describe('composeShell', () => {
  let dir: string;
  let shell: Shell;
  let window: BrowserWindow;
  const call = (channel: string, args: unknown[], frame?: FakeWebFrameMain | null) =>
    window.webContents.ipc.invoke(
      ipcInvokeChannel(channel),
      { senderFrame: frame === undefined ? window.webContents.mainFrame : frame },
      args,
    );

  beforeEach(async () => {
    resetElectronFake();
    dir = await mkdtemp(join(tmpdir(), 'fkv-shell-'));
    app.userData = dir;
    shell = composeShell({ userData: dir, version: '1.2.3', platform: 'linux' });
    window = new BrowserWindow();
    window.webContents.mainFrame.url = `${APP_ORIGIN}/index.html`;
    shell.attach(window as unknown as ElectronWindow);
  });
  afterEach(async () => {
    await shell.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the contract to the attached window', async () => {
    await expect(call('app.info', [])).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', host: 'electron' },
    });
    await expect(call('vault.status', [])).resolves.toMatchObject({
      ok: true,
      value: { state: 'none', path: join(dir, 'vault', 'vault.fkv') },
    });
  });

  it('refuses a foreign origin before any validation', async () => {
    window.webContents.mainFrame.url = 'https://evil.example/';
    await expect(call('vault.unlock', ['not even valid'])).resolves.toEqual(FORBIDDEN);
  });

  it('validates arguments from our own frame', async () => {
    await expect(call('vault.unlock', [{ password: 1 }])).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('locks on suspend, tells the renderer, and reloads it', async () => {
    window.webContents.finishLoad();
    await expect(
      call('vault.create', [{ password: 'a long enough test password' }]),
    ).resolves.toMatchObject({
      ok: true,
    });
    powerMonitor.emit('suspend');
    expect(window.webContents.sent).toContainEqual({
      channel: ipcEventChannel('vault.locked'),
      payload: { reason: 'sleep' },
    });
    expect(window.webContents.reloads).toBe(1);
    await expect(call('vault.status', [])).resolves.toMatchObject({ value: { state: 'locked' } });
    const log = await readFile(join(dir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('vault locked');
    expect(log).not.toContain('a long enough test password');
  }, 60_000);
});
