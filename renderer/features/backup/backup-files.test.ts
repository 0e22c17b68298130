// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import { bytesOfBase64, downloadBase64 } from '../audit/download-file.js';
import { captureDownloads } from '../../testing/capture-downloads.js';
import { readFileAsBase64 } from './read-file.js';

const BYTES = Uint8Array.from([0, 1, 2, 127, 128, 200, 255, 70, 75, 86]);
const BASE64 = 'AAECf4DI/0ZLVg==';

describe('backup files in the renderer', () => {
  it('saves a base64 backup as its exact bytes, under its file name', async () => {
    const { blobs, clicked } = captureDownloads('blob:fake-backup');
    downloadBase64('flowise-key-vault-2026-01-01.fkvbak', BASE64);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('flowise-key-vault-2026-01-01.fkvbak');
    expect(clicked[0]?.href).toBe('blob:fake-backup');
    expect(clicked[0]?.isConnected).toBe(false);
    expect(blobs[0]?.type).toBe('application/octet-stream');
    expect(new Uint8Array(await (blobs[0] as Blob).arrayBuffer())).toEqual(BYTES);
  });

  it('reads a picked file as base64, every byte value kept', async () => {
    const file = new File([BYTES], 'x.fkvbak');
    expect(await readFileAsBase64(file)).toBe(BASE64);
    expect(bytesOfBase64(await readFileAsBase64(file))).toEqual(BYTES);
  });

  it('reads an empty file as an empty string', async () => {
    expect(await readFileAsBase64(new File([], 'empty.fkvbak'))).toBe('');
  });
});
