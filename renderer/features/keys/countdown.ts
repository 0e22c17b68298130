// When the clipboard will be cleared, on this page's clock. Main stamps `clearsAt` on its own
// clock, which is the same one in the app but a test clock in the harness; a deadline that does
// not sit about the setting's seconds after the copy is taken as the setting's seconds from now.
export function localDeadline(
  clearsAt: number,
  receivedAt: number,
  clearSeconds: number | undefined,
): number {
  const left = clearsAt - receivedAt;
  if (clearSeconds === undefined) return receivedAt + Math.max(0, left);
  const most = clearSeconds * 1000;
  return left >= most - 2000 && left <= most + 1000 ? clearsAt : receivedAt + most;
}

export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
