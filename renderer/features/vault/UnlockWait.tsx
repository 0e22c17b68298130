// The wait the core imposes after several wrong master passwords, as a countdown. The core says
// how long (not until when: its clock and this window's need not agree), and refuses early tries
// itself; this only keeps the button honest.
import { useEffect, useState } from 'react';

function clockText(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes)}:${String(seconds).padStart(2, '0')}`;
}

/** Milliseconds left of a wait of `waitMs` that started when it was given; 0 when over. */
export function useWaitLeft(waitMs: number | undefined): number {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (waitMs === undefined) return undefined;
    const deadline = Date.now() + waitMs;
    const tick = () => {
      const now = Math.max(0, deadline - Date.now());
      setLeft(now);
      if (now === 0) clearInterval(timer);
    };
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [waitMs]);
  return left;
}

export function UnlockWait({ left }: { left: number }) {
  if (left === 0) return null;
  return (
    <p role="timer" aria-live="off" className="notice">
      Too many wrong passwords. Try again in {clockText(left)}.
    </p>
  );
}
