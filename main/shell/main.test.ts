// The entry's lifecycle wiring, with Electron and the composition root both faked.
import { afterEach, describe, expect, it, vi } from 'vitest';

import type * as ElectronFake from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const shell = {
  core: {},
  logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  attach: vi.fn(),
  shutdown: vi.fn(() => Promise.resolve()),
};
vi.mock('./compose-shell.js', () => ({ composeShell: vi.fn(() => shell) }));

type Fake = typeof ElectronFake;

/** Loads main.ts afresh against a reset fake; `prepare` runs before the module's top level. */
async function startMain(prepare: (fake: Fake) => void = () => undefined): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetElectronFake();
  prepare(fake);
  await import('./main.js');
  await vi.waitFor(() => {
    expect(fake.BrowserWindow.instances.length).toBeGreaterThan(0);
  });
  return fake;
}

describe('main entry', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    shell.attach.mockClear();
    shell.shutdown.mockClear();
  });

  it('sandboxes every renderer and registers app:// before ready, then opens one window', async () => {
    const order: string[] = [];
    const fake = await startMain((f) => {
      vi.spyOn(f.app, 'enableSandbox').mockImplementation(() => order.push('sandbox'));
      vi.spyOn(f.protocol, 'registerSchemesAsPrivileged').mockImplementation(() =>
        order.push('scheme'),
      );
      vi.spyOn(f.app, 'whenReady').mockImplementation(() => {
        order.push('ready');
        return Promise.resolve();
      });
    });
    expect(order).toEqual(['sandbox', 'scheme', 'ready']);
    expect(fake.protocol.handlers.has('app')).toBe(true);
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(shell.attach).toHaveBeenCalledWith(fake.BrowserWindow.instances[0]);
  });

  it('quits at once when another instance holds the lock', async () => {
    vi.resetModules();
    const fake = (await import('electron')) as unknown as Fake;
    fake.resetElectronFake();
    vi.spyOn(fake.app, 'requestSingleInstanceLock').mockReturnValue(false);
    const quit = vi.spyOn(fake.app, 'quit');
    const sandbox = vi.spyOn(fake.app, 'enableSandbox');
    await import('./main.js');
    expect(quit).toHaveBeenCalledOnce();
    expect(sandbox).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    const fake = await startMain();
    const focus = vi.spyOn(fake.BrowserWindow.instances[0]!, 'focus');
    fake.app.emit('second-instance');
    expect(focus).toHaveBeenCalledOnce();
  });

  it('locks the vault through shutdown before letting the app quit', async () => {
    const fake = await startMain();
    const quit = vi.spyOn(fake.app, 'quit');
    const event = fake.fakeEvent({});
    fake.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(shell.shutdown).toHaveBeenCalledOnce();
    await vi.waitFor(() => {
      expect(quit).toHaveBeenCalledOnce();
    });
    // The second pass lets the quit through without locking twice.
    const again = fake.fakeEvent({});
    fake.app.emit('before-quit', again);
    fake.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(shell.shutdown).toHaveBeenCalledOnce();
  });

  it('hardens every WebContents the app creates', async () => {
    const fake = await startMain();
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', fake.fakeEvent({}), other);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('honours FKV_USER_DATA only in unpackaged builds', async () => {
    vi.stubEnv('FKV_USER_DATA', '/tmp/fkv-e2e-run');
    const dev = await startMain();
    expect(dev.app.userData).toBe('/tmp/fkv-e2e-run');
    const packaged = await startMain((f) => {
      f.app.isPackaged = true;
    });
    expect(packaged.app.userData).toBe('/tmp/fkv-fake-user-data');
  });

  it('gives packaged builds no DevTools', async () => {
    const fake = await startMain((f) => {
      f.app.isPackaged = true;
    });
    const prefs = fake.BrowserWindow.instances[0]!.options['webPreferences'] as {
      devTools: boolean;
    };
    expect(prefs.devTools).toBe(false);
  });
});
