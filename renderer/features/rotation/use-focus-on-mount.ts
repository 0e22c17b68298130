// The wizard swaps whole steps in place, which removes the button that was just pressed; this puts
// keyboard and screen-reader focus on the new step's heading instead of losing it to the page.
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
