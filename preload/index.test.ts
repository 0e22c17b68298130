import { contract } from '../common/ipc/contract.js';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN } from '../common/ipc/app-scheme.js';
import { ipcEventChannel, ipcInvokeChannel } from '../common/ipc/channel-names.js';
import type { RawApi } from '../common/ipc/contract.js';
import type * as ElectronFake from '../main/shell/testing/electron-fake.js';

vi.mock('electron', () => import('../main/shell/testing/electron-fake.js'));

type Fake = typeof ElectronFake;

/**
 * Runs the preload afresh as if it were loaded into a page at `origin`, and returns the electron
 * fake it saw: asking for 'electron' gives the mocked instance, whatever resetModules did.
 */
async function loadPreloadAt(origin: string): Promise<Fake> {
  vi.stubGlobal('location', { origin });
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetElectronFake();
  await import('./index.js');
  return fake;
}

describe('preload', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('exposes exactly one key, api, on the app origin', async () => {
    const { contextBridge } = await loadPreloadAt(APP_ORIGIN);
    expect([...contextBridge.exposed.keys()]).toEqual(['api']);
  });

  it.each(['https://evil.example', 'file://', 'null', 'app://evil.example'])(
    'exposes nothing on %s',
    async (origin) => {
      const { contextBridge } = await loadPreloadAt(origin);
      expect(contextBridge.exposed.size).toBe(0);
    },
  );

  it('exposes the contract methods and on, never ipcRenderer', async () => {
    const { contextBridge, ipcRenderer } = await loadPreloadAt(APP_ORIGIN);
    const api = contextBridge.exposed.get('api') as RawApi;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract.methods), 'on'].sort());
    const reachable = JSON.stringify(Object.values(api).map((v) => Object.keys(v as object)));
    expect(reachable).not.toMatch(/ipc|invoke|send|sender/i);
    for (const value of Object.values(api)) expect(value).not.toBe(ipcRenderer);
  });

  it('sends a call as one argument list on the call channel', async () => {
    const { contextBridge, ipcRenderer } = await loadPreloadAt(APP_ORIGIN);
    const api = contextBridge.exposed.get('api') as RawApi;
    await api.vault.unlock({ password: 'pw' });
    expect(ipcRenderer.invocations).toEqual([
      { channel: ipcInvokeChannel('vault.unlock'), args: [[{ password: 'pw' }]] },
    ]);
  });

  it('passes event payloads without the IPC event, and unsubscribes', async () => {
    const { contextBridge, ipcRenderer } = await loadPreloadAt(APP_ORIGIN);
    const api = contextBridge.exposed.get('api') as RawApi;
    const listener = vi.fn();
    const off = api.on('vault.locked', listener);
    const channel = ipcEventChannel('vault.locked');
    ipcRenderer.emit(channel, { sender: ipcRenderer }, { reason: 'idle' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ reason: 'idle' });
    off();
    expect(ipcRenderer.listenerCount(channel)).toBe(0);
  });
});
