// The Keys and Credentials pages show the Overview's badges: the report is asked for once if no
// page has yet (main keeps it since the unlock, so a second ask costs nothing).
import { useEffect } from 'react';

import { useOverviewStore } from '../../stores/stores-context.js';

export function useOverviewLoaded(): void {
  const load = useOverviewStore((s) => s.load);
  const missing = useOverviewStore((s) => s.findings === null && !s.running);
  useEffect(() => {
    if (missing) void load();
  }, [missing, load]);
}
