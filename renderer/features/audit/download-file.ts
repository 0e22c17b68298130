// Saves text as a file through the browser's own download path: no file access in the renderer,
// and the same code works in Electron (which asks where to save) and in the test harness.
export function downloadFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
