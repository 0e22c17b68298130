// A hand-written stand-in for the parts of 'electron' the shell uses (Fiddle's approach), for
// `vi.mock('electron', () => import('./testing/electron-fake.js'))`. No Electron binary needed.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** An Electron-style event: the listener may call preventDefault. */
export function fakeEvent<T extends object>(
  fields: T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebFrameMain {
  constructor(
    public url: string,
    public readonly parent: FakeWebFrameMain | null = null,
  ) {}
  get origin(): string {
    return new URL(this.url).origin;
  }
}

export class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    // Electron refuses a second handler for a channel; so do we.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would trigger: runs the handler with a fake event. */
  async invoke(
    channel: string,
    event: { senderFrame: FakeWebFrameMain | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return await handler(event, ...args);
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener | null): void {
    this.devicePermissionHandler = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export class FakeWebContents extends EventEmitter {
  readonly ipc = new FakeIpcMain();
  readonly session = session.defaultSession;
  readonly mainFrame = new FakeWebFrameMain('about:blank');
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: Listener | null = null;
  reloads = 0;
  destroyed = false;
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  reload(): void {
    this.reloads += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  openDevTools(): void {}
  /** Test helper: the renderer finished loading. */
  finishLoad(): void {
    this.emit('did-finish-load');
  }
  /** Test helper: a main-frame navigation (a reload) started. */
  startNavigation(): void {
    this.emit('did-start-navigation', {
      isMainFrame: true,
      isSameDocument: false,
      url: this.mainFrame.url,
    });
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  shown = false;
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.instances.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.instances];
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  userData: '/tmp/fkv-fake-user-data',
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`The fake app only knows userData, not ${name}`);
    return app.userData;
  },
  setPath(name: string, path: string): void {
    if (name !== 'userData') throw new Error(`The fake app only knows userData, not ${name}`);
    app.userData = path;
  },
  getVersion: (): string => '0.0.0-test',
  whenReady: (): Promise<void> => Promise.resolve(),
  requestSingleInstanceLock: (): boolean => true,
  enableSandbox(): void {},
  quit(): void {},
  exit(): void {},
});

export const ipcMain = new FakeIpcMain();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Listener>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.privileged = schemes;
  },
  handle(scheme: string, handler: Listener): void {
    protocol.handlers.set(scheme, handler);
  },
};

/** safeStorage with a reversible fake cipher; tests pick the backend and availability. */
export const safeStorage = {
  backend: 'gnome_libsecret' as string,
  available: true,
  getSelectedStorageBackend(): string {
    return safeStorage.backend;
  },
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(safeStorage.available);
  },
  encryptStringAsync(plainText: string): Promise<Buffer> {
    return Promise.resolve(Buffer.from(`sealed:${plainText}`, 'utf8').reverse());
  },
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const text = Buffer.from(encrypted).reverse().toString('utf8');
    if (!text.startsWith('sealed:'))
      return Promise.reject(
        new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'),
      );
    return Promise.resolve({ result: text.slice('sealed:'.length), shouldReEncrypt: false });
  },
};

export const powerMonitor = new EventEmitter();

/** dialog.showMessageBox: records each box (and its parent window) and answers `response`. */
export const dialog = {
  shown: [] as { window: BrowserWindow | undefined; options: Record<string, unknown> }[],
  /** The button index the person presses; 0 (Cancel in our boxes) unless a test says otherwise. */
  response: 0,
  showMessageBox(
    windowOrOptions: BrowserWindow | Record<string, unknown>,
    maybeOptions?: Record<string, unknown>,
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const window = windowOrOptions instanceof BrowserWindow ? windowOrOptions : undefined;
    const options =
      windowOrOptions instanceof BrowserWindow ? (maybeOptions ?? {}) : windowOrOptions;
    dialog.shown.push({ window, options });
    return Promise.resolve({ response: dialog.response, checkboxChecked: false });
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as { channel: string; args: unknown[] }[],
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    ipcRenderer.invocations.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  },
});

/** Electron 45's W3C-style clipboard item: a map from MIME type or raw OS format to its data. */
export class ClipboardItem {
  readonly types: string[];
  constructor(readonly items: Record<string, string | Blob>) {
    this.types = Object.keys(items);
  }
}

export const clipboard = {
  items: [] as ClipboardItem[],
  write(items: ClipboardItem[]): Promise<void> {
    clipboard.items = items;
    return Promise.resolve();
  },
  async readText(): Promise<string> {
    const text = clipboard.items[0]?.items['text/plain'];
    if (text === undefined) return '';
    return typeof text === 'string' ? text : await text.text();
  },
  clear(): void {
    clipboard.items = [];
  },
};

/** Electron's Notification: records each one shown; `supported` plays a desktop without any. */
export class Notification {
  static supported = true;
  static shown: { title: string; body: string }[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(private readonly options: { title: string; body: string; silent?: boolean }) {}
  show(): void {
    Notification.shown.push({ title: this.options.title, body: this.options.body });
  }
}

/** Puts every shared fake back to its first state; call in beforeEach. */
export function resetElectronFake(): void {
  BrowserWindow.instances.length = 0;
  session.defaultSession = new FakeSession();
  app.removeAllListeners();
  app.isPackaged = false;
  app.userData = '/tmp/fkv-fake-user-data';
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.available = true;
  powerMonitor.removeAllListeners();
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  clipboard.items = [];
  dialog.shown = [];
  dialog.response = 0;
  Notification.supported = true;
  Notification.shown = [];
}

const electron = {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  contextBridge,
  dialog,
  Notification,
  ipcMain,
  ipcRenderer,
  powerMonitor,
  protocol,
  safeStorage,
  session,
};
// electron-store does `import electron from 'electron'`, so the fake needs a default export too.
export { electron as default };
