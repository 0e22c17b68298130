// What every settings form shares: saving a patch, "saved" until the next edit, and the failure.
// A patch that weakens a lock is saved only with the master password, asked for in a dialog;
// main refuses it without one, so the question comes before the call, not after a refusal.
import { useState } from 'react';
import type { ReactNode } from 'react';

import type { SettingsPatch } from '../../../common/ipc/schemas/settings.js';
import { weakenings } from '../../../common/ipc/schemas/settings.js';
import { useSettingsStore } from '../../stores/stores-context.js';
import { MasterPasswordDialog } from '../../ui/MasterPasswordDialog.js';

export interface SettingsSave {
  busy: boolean;
  saved: boolean;
  failure: string | null;
  /** Wraps a setter so that an edit clears "saved". */
  edited: <T>(setter: (value: T) => void) => (value: T) => void;
  save: (patch: SettingsPatch) => Promise<void>;
  /** Render this once; it is the master-password question. */
  dialog: ReactNode;
}

export function useSettingsSave(): SettingsSave {
  const update = useSettingsStore((s) => s.update);
  const busy = useSettingsStore((s) => s.busy);
  const current = useSettingsStore((s) => s.settings);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState<{ patch: SettingsPatch; words: string } | null>(null);

  function edited<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      setSaved(false);
    };
  }

  async function send(patch: SettingsPatch): Promise<string | null> {
    const error = await update(patch);
    setSaved(error === null);
    return error?.message ?? null;
  }

  async function save(patch: SettingsPatch): Promise<void> {
    const weaker = current === null ? [] : weakenings(current, patch);
    if (weaker.length > 0) {
      setFailure(null);
      setPending({ patch, words: weaker.map((w) => w.words).join('; ') });
      return;
    }
    setFailure(await send(patch));
  }

  const dialog = (
    <MasterPasswordDialog
      open={pending !== null}
      description={`This makes the vault easier to reach (${pending?.words ?? ''}). Enter the master password to save it.`}
      submitLabel="Save"
      onSubmit={(password) =>
        pending === null ? Promise.resolve(null) : send({ ...pending.patch, password })
      }
      onClose={() => {
        setPending(null);
      }}
    />
  );

  return { busy, saved, failure, edited, save, dialog };
}
