// Names shared by the Electron shell and the preload. Kept apart from the contract so neither
// side types a channel string by hand.

/** The renderer is served from this origin; the preload and IPC refuse any other. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'flowise-key-vault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function ipcInvokeChannel(channel: string): string {
  return `fkv:call:${channel}`;
}

export function ipcEventChannel(event: string): string {
  return `fkv:event:${event}`;
}
