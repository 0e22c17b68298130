// The ClipboardPort over Electron's clipboard. Electron 45 writes a ClipboardItem atomically, and
// raw OS formats (the concealment markers) travel under its `osclipboard` MIME type, so the text
// and its markers land in one clipboard change that history tools see together.
import { clipboard, ClipboardItem } from 'electron';

import type { ClipboardEntry, ClipboardPort } from '../core/ports.js';

export function rawFormat(format: string): string {
  return format === 'text/plain' ? format : `electron application/osclipboard;format="${format}"`;
}

function toItem(entries: readonly ClipboardEntry[]): ClipboardItem {
  const items: Record<string, string | Blob> = {};
  for (const { format, data } of entries) {
    items[rawFormat(format)] = typeof data === 'string' ? data : new Blob([Uint8Array.from(data)]);
  }
  return new ClipboardItem(items);
}

export function createElectronClipboard(): ClipboardPort {
  return {
    write: (entries) => clipboard.write([toItem(entries)]),
    readText: () => clipboard.readText(),
    clear() {
      clipboard.clear();
      return Promise.resolve();
    },
  };
}
