// When the vault locks itself: idle minutes, screen lock, sleep.
import { useState } from 'react';
import type { SubmitEvent } from 'react';

import type { Settings } from '../../../common/ipc/schemas/settings.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField, Field } from '../../ui/Field.js';
import { useSettingsSave } from './use-settings-save.js';
import { parseWholeNumber } from './whole-number.js';

const MAX_MINUTES = 1440;

export function AutoLockForm({ initial }: { initial: Settings }) {
  const { busy, saved, failure, edited, save, dialog } = useSettingsSave();
  const [minutes, setMinutes] = useState(String(initial.autoLockMinutes));
  const [onScreenLock, setOnScreenLock] = useState(initial.lockOnScreenLock);
  const [onSleep, setOnSleep] = useState(initial.lockOnSleep);
  const parsed = parseWholeNumber(minutes, 0, MAX_MINUTES);

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
