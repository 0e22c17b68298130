import type { ReactNode } from 'react';

/** The placeholder body of a section that later work will replace. */
export function NotBuiltYet({ children }: { children: ReactNode }) {
  return <p className="placeholder">{children}</p>;
}
