// Whether main can see this system's screen lock, asked once per mount.
import { useEffect, useState } from 'react';

import { useApi } from '../../api/api-context.js';

/** false only when main has found that a screen lock cannot be seen on this system. */
export function useScreenLockDetectable(): boolean | undefined {
  const api = useApi();
  const [detectable, setDetectable] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api.app.info().then(
      (info) => {
        if (live) setDetectable(info.screenLockDetectable);
      },
      // Without an answer the option is shown as usual.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return detectable;
}
