// Saves a file through the browser's own download path: no file access in the renderer, and the
// same code works in Electron (which asks where to save) and in the test harness.
export function downloadFile(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** A binary file that crossed the contract as base64 (a sealed backup): saved as its bytes. */
export function downloadBase64(
  fileName: string,
  base64: string,
  type = 'application/octet-stream',
): void {
  downloadBlob(fileName, new Blob([bytesOfBase64(base64)], { type }));
}

export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download reads the blob after this task ends; revoking at once could cut it off.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
