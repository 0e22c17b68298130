import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { APP_ORIGIN } from '../../common/ipc/app-scheme.js';
import { ipcInvokeChannel } from '../../common/ipc/channel-names.js';
import { MemoryLogger } from '../core/testing/memory-ports.js';
import { createIpcTransport, FORBIDDEN } from './ipc-transport.js';
import { FakeWebContents, FakeWebFrameMain, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

const CHANNEL = 'vault.unlock';
const SECRET_ARGS = [{ password: 'correct horse battery staple' }];

function setup(url = `${APP_ORIGIN}/index.html`) {
  const contents = new FakeWebContents();
  contents.mainFrame.url = url;
  const logger = new MemoryLogger();
  const handler = vi.fn((args: unknown) => Promise.resolve({ ok: true as const, value: args }));
  createIpcTransport(contents as unknown as WebContents, logger).handle(CHANNEL, handler);
  const call = (senderFrame: FakeWebFrameMain | null) =>
    contents.ipc.invoke(ipcInvokeChannel(CHANNEL), { senderFrame }, SECRET_ARGS);
  return { contents, logger, handler, call };
}

describe('createIpcTransport', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('registers on the window, not on global ipcMain', async () => {
    const { contents } = setup();
    const { ipcMain } = await import('./testing/electron-fake.js');
    expect([...contents.ipc.handlers.keys()]).toEqual([ipcInvokeChannel(CHANNEL)]);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a call from our main frame on the app origin to the handler', async () => {
    const { contents, handler, call } = setup();
    await expect(call(contents.mainFrame)).resolves.toEqual({ ok: true, value: SECRET_ARGS });
    expect(handler).toHaveBeenCalledOnce();
  });

  it.each([
    'https://evil.example/index.html',
    'file:///app/dist/renderer/index.html',
    'app://evil.example/index.html',
    'app://flowise-key-vault.evil.example/index.html',
    'app://user@flowise-key-vault/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
  ])('refuses the main frame when it shows %s', async (url) => {
    const { contents, handler, call } = setup(url);
    await expect(call(contents.mainFrame)).resolves.toEqual(FORBIDDEN);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame, even one on the app origin', async () => {
    const { contents, handler, call } = setup();
    const child = new FakeWebFrameMain(`${APP_ORIGIN}/index.html`, contents.mainFrame);
    await expect(call(child)).resolves.toEqual(FORBIDDEN);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is gone (null senderFrame)', async () => {
    const { handler, call } = setup();
    await expect(call(null)).resolves.toEqual(FORBIDDEN);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers with the forbidden envelope', () => {
    expect(FORBIDDEN).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This window may not call the vault.' },
    });
  });

  it('logs a refusal without the arguments', async () => {
    const { logger, call } = setup('https://evil.example/');
    await call(null);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      fields: { channel: CHANNEL, reason: 'no_frame' },
    });
    expect(JSON.stringify(logger.lines)).not.toContain('horse');
  });
});
