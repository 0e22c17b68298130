// What every settings form shares: saving a patch, "saved" until the next edit, and the failure.
import { useState } from 'react';

import type { SettingsPatch } from '../../../common/ipc/schemas/settings.js';
import { useSettingsStore } from '../../stores/stores-context.js';

export function useSettingsSave() {
  const update = useSettingsStore((s) => s.update);
  const busy = useSettingsStore((s) => s.busy);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  /** Wraps a setter so that an edit clears "saved". */
  function edited<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      setSaved(false);
    };
  }

  async function save(patch: SettingsPatch): Promise<void> {
    const error = await update(patch);
    setFailure(error?.message ?? null);
    setSaved(error === null);
  }

  return { busy, saved, failure, edited, save };
}
