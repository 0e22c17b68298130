// Names shared by the Electron shell and the preload. Kept apart from the contract so neither
// side types a channel string by hand.

export function ipcInvokeChannel(channel: string): string {
  return `fkv:call:${channel}`;
}

export function ipcEventChannel(event: string): string {
  return `fkv:event:${event}`;
}
