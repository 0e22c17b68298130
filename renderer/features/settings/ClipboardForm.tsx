// How copied secrets are handled: how long they stay on the clipboard, when a copy asks for the
// master password again, and whether the vault keeps the value of keys created here.
import { useState } from 'react';
import type { SubmitEvent } from 'react';

import type { Settings } from '../../../common/ipc/schemas/settings.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField, Field } from '../../ui/Field.js';
import { useSettingsSave } from './use-settings-save.js';
import { parseWholeNumber } from './whole-number.js';

// The bounds of the settings schema (common/ipc/schemas/settings.ts).
const MIN_SECONDS = 5;
const MAX_SECONDS = 600;
const MAX_MINUTES = 1440;

export function ClipboardForm({ initial }: { initial: Settings }) {
  const { busy, saved, failure, edited, save, dialog } = useSettingsSave();
  const [seconds, setSeconds] = useState(String(initial.clipboardClearSeconds));
  const [reauth, setReauth] = useState(String(initial.copyReauthMinutes));
  const [storeKeys, setStoreKeys] = useState(initial.storeCreatedKeys);
  const parsedSeconds = parseWholeNumber(seconds, MIN_SECONDS, MAX_SECONDS);
  const parsedReauth = parseWholeNumber(reauth, 0, MAX_MINUTES);
  const valid = parsedSeconds !== null && parsedReauth !== null;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (parsedSeconds === null || parsedReauth === null) return;
    await save({
      clipboardClearSeconds: parsedSeconds,
      copyReauthMinutes: parsedReauth,
      storeCreatedKeys: storeKeys,
    });
  }

  return (
    <>
      {/* Outside the form: the dialog's own submit must not bubble into this one. */}
      <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <Field
          label="Clear the clipboard after (seconds)"
          type="number"
          inputMode="numeric"
          min={MIN_SECONDS}
          max={MAX_SECONDS}
          step={1}
          className="input-narrow"
          value={seconds}
          onValueChange={edited(setSeconds)}
          hint="A copied key is wiped from the clipboard after this long, unless you copied something else meanwhile."
          error={
            parsedSeconds === null
              ? `Enter a whole number of seconds from ${MIN_SECONDS} to ${MAX_SECONDS}.`
              : null
          }
        />
        <Field
          label="Ask for the master password again before copying after (minutes)"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_MINUTES}
          step={1}
          className="input-narrow"
          value={reauth}
          onValueChange={edited(setReauth)}
          hint="Counted from the last unlock. 0 means never ask. At most 1440 (one day)."
          error={
            parsedReauth === null
              ? `Enter a whole number of minutes from 0 to ${MAX_MINUTES}.`
              : null
          }
        />
        <CheckboxField
          label="Keep a copy of keys created here in the vault"
          asSwitch
          checked={storeKeys}
          onCheckedChange={edited(setStoreKeys)}
          hint="When on, the value of each API key you create in this app is stored encrypted in the vault, so you can copy it again later; it is still never shown again. When off, the value exists only in the one-time reveal after creating the key, and you must store it yourself."
        />
        {failure === null ? null : <Alert>{failure}</Alert>}
        <div className="row">
          <Button type="submit" variant="primary" disabled={busy || !valid}>
            Save clipboard settings
          </Button>
          <p role="status" className="confirmation">
            {saved ? 'Clipboard and copy options saved.' : ''}
          </p>
        </div>
      </form>
      {dialog}
    </>
  );
}
