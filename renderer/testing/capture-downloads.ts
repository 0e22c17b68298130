// Catches the renderer's downloads in jsdom, which has no object URLs and does not follow an
// anchor's click: each download's blob and anchor are kept for the test to read. Test code only.
import { onTestFinished, vi } from 'vitest';

export interface CapturedDownloads {
  readonly blobs: Blob[];
  readonly clicked: HTMLAnchorElement[];
}

export function captureDownloads(url = 'blob:fake-download'): CapturedDownloads {
  const blobs: Blob[] = [];
  const clicked: HTMLAnchorElement[] = [];
  const urls = URL as unknown as Record<string, unknown>;
  const original = {
    createObjectURL: urls['createObjectURL'],
    revokeObjectURL: urls['revokeObjectURL'],
  };
  const createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return url;
  });
  Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
  onTestFinished(() => {
    Object.assign(URL, original);
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push(this);
  });
  return { blobs, clicked };
}
