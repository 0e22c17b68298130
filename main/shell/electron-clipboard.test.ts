import { beforeEach, describe, expect, it, vi } from 'vitest';

import { secretEntries } from '../core/clipboard/concealment.js';
import { createElectronClipboard } from './electron-clipboard.js';
import { clipboard, resetElectronFake } from './testing/electron-fake.js';

vi.mock('electron', () => import('./testing/electron-fake.js'));

describe('createElectronClipboard', () => {
  beforeEach(() => {
    resetElectronFake();
  });

  it('writes the text and the Windows markers as one clipboard item', async () => {
    const port = createElectronClipboard();
    await port.write(secretEntries('value-1234', 'win32'));
    expect(clipboard.items).toHaveLength(1);
    expect(clipboard.items[0]?.types).toEqual([
      'text/plain',
      'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"',
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"',
      'electron application/osclipboard;format="CanUploadToCloudClipboard"',
    ]);
    const history = clipboard.items[0]?.items[
      'electron application/osclipboard;format="CanIncludeInClipboardHistory"'
    ] as Blob;
    expect(new Uint8Array(await history.arrayBuffer())).toEqual(new Uint8Array(4));
    expect(await port.readText()).toBe('value-1234');
  });

  it('marks a Linux copy as a password manager secret, and clears', async () => {
    const port = createElectronClipboard();
    await port.write(secretEntries('value-1234', 'linux'));
    expect(
      clipboard.items[0]?.items[
        'electron application/osclipboard;format="x-kde-passwordManagerHint"'
      ],
    ).toBe('secret');
    await port.clear();
    expect(await port.readText()).toBe('');
  });
});
