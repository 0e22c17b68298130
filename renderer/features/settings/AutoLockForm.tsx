// When the vault locks itself: idle minutes, screen lock, sleep.
import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';

import type { Settings } from '../../../common/ipc/schemas/settings.js';
import { useApi } from '../../api/api-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField, Field } from '../../ui/Field.js';
import { useSettingsSave } from './use-settings-save.js';
import { parseWholeNumber } from './whole-number.js';

const MAX_MINUTES = 1440;

const SCREEN_LOCK_UNSEEN =
  'This system does not let the app see the screen lock (no D-Bus screen-lock signal could be watched), so this setting cannot act here. Auto-lock after idle minutes still does.';

/** false only when main has found that a screen lock cannot be seen on this system. */
function useScreenLockDetectable(): boolean | undefined {
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

export function AutoLockForm({ initial }: { initial: Settings }) {
  const { busy, saved, failure, edited, save, dialog } = useSettingsSave();
  const [minutes, setMinutes] = useState(String(initial.autoLockMinutes));
  const [onScreenLock, setOnScreenLock] = useState(initial.lockOnScreenLock);
  const [onSleep, setOnSleep] = useState(initial.lockOnSleep);
  const parsed = parseWholeNumber(minutes, 0, MAX_MINUTES);
  const screenLockDetectable = useScreenLockDetectable();

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (parsed === null) return;
    await save({
      autoLockMinutes: parsed,
      lockOnScreenLock: onScreenLock,
      lockOnSleep: onSleep,
    });
  }

  return (
    <>
      {/* Outside the form: the dialog's own submit must not bubble into this one. */}
      <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          label="Auto-lock after (minutes)"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_MINUTES}
          step={1}
          className="input-narrow"
          value={minutes}
          onValueChange={edited(setMinutes)}
          hint="0 means never. At most 1440 (one day)."
          error={parsed === null ? `Enter a whole number from 0 to ${MAX_MINUTES}.` : null}
        />
        <CheckboxField
          label="Lock when the screen locks"
          checked={onScreenLock}
          onCheckedChange={edited(setOnScreenLock)}
          {...(screenLockDetectable === false ? { hint: SCREEN_LOCK_UNSEEN } : {})}
        />
        <CheckboxField
          label="Lock when the computer sleeps"
          checked={onSleep}
          onCheckedChange={edited(setOnSleep)}
        />
        {failure === null ? null : <Alert>{failure}</Alert>}
        <div className="row">
          <Button type="submit" variant="primary" disabled={busy || parsed === null}>
            Save settings
          </Button>
          <p role="status" className="confirmation">
            {saved ? 'Settings saved.' : ''}
          </p>
        </div>
      </form>
      {dialog}
    </>
  );
}
