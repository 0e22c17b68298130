// Steps swapped in place remove the button that was just pressed; this puts keyboard and
// screen-reader focus on the new step (its heading or region) instead of losing it to the page.
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
