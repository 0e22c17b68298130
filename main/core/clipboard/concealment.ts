// The markers that ask clipboard managers and OS clipboard history to skip a copied secret, as
// KeePassXC and CopyQ agree on them. Written in the same atomic write as the text itself.
import type { ClipboardEntry } from '../ports.js';

/** A little-endian DWORD 0: Windows reads these formats as "do not include". */
const DWORD_ZERO = new Uint8Array(4);

export function concealmentMarkers(platform: string): ClipboardEntry[] {
  switch (platform) {
    case 'win32':
      return [
        { format: 'ExcludeClipboardContentFromMonitorProcessing', data: new Uint8Array(0) },
        { format: 'CanIncludeInClipboardHistory', data: DWORD_ZERO },
        { format: 'CanUploadToCloudClipboard', data: DWORD_ZERO },
      ];
    case 'darwin':
      return [{ format: 'org.nspasteboard.ConcealedType', data: '' }];
    default:
      return [{ format: 'x-kde-passwordManagerHint', data: 'secret' }];
  }
}

export function secretEntries(value: string, platform: string): ClipboardEntry[] {
  return [{ format: 'text/plain', data: value }, ...concealmentMarkers(platform)];
}
