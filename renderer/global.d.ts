import type { RawApi } from '../common/ipc/contract.js';

declare global {
  interface Window {
    /** Put there by the preload (Electron) or the harness bridge; absent anywhere else. */
    readonly api?: RawApi;
  }
}

export {};
