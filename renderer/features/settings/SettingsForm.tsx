// The one settings form: when the vault locks itself (idle minutes, screen lock, sleep) and how
// copied secrets are handled (clipboard clearing, re-asking the master password, keeping created
// keys), and what the Overview reports (key age, flows per key, days in grace). One Save sends every
// group as one patch.
import { useState } from 'react';
import type { SubmitEvent } from 'react';

import type { Settings } from '../../../common/ipc/schemas/settings.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { CheckboxField } from '../../ui/Field.js';
import { parseWholeNumber, RangeField } from './RangeField.js';
import { useScreenLockDetectable } from './use-screen-lock-detectable.js';
import { useSettingsSave } from './use-settings-save.js';

// The bounds of the settings schema (common/ipc/schemas/settings.ts).
const MIN_SECONDS = 5;
const MAX_SECONDS = 600;
const MAX_MINUTES = 1440;
const MAX_AGE_DAYS = 3650;
const MAX_FLOWS = 10_000;
const MAX_GRACE_DAYS = 365;
const MAX_SOON_DAYS = 365;
const MAX_GENERATIONS = 100;

const SCREEN_LOCK_UNSEEN =
  'This system does not let the app see the screen lock (no D-Bus screen-lock signal could be watched), so this setting cannot act here. Auto-lock after idle minutes still does.';

export function SettingsForm({ initial }: { initial: Settings }) {
  const { busy, saved, failure, edited, save, dialog } = useSettingsSave();
  const [minutes, setMinutes] = useState(String(initial.autoLockMinutes));
  const [onScreenLock, setOnScreenLock] = useState(initial.lockOnScreenLock);
  const [onSleep, setOnSleep] = useState(initial.lockOnSleep);
  const [seconds, setSeconds] = useState(String(initial.clipboardClearSeconds));
  const [reauth, setReauth] = useState(String(initial.copyReauthMinutes));
  const [storeKeys, setStoreKeys] = useState(initial.storeCreatedKeys);
  const [maxAge, setMaxAge] = useState(String(initial.keyMaxAgeDays));
  const [manyFlows, setManyFlows] = useState(String(initial.manyFlowsThreshold));
  const [grace, setGrace] = useState(String(initial.graceLimitDays));
  const [soon, setSoon] = useState(String(initial.dueSoonDays));
  const [notifyDue, setNotifyDue] = useState(initial.notifyDue);
  const [generations, setGenerations] = useState(String(initial.backupGenerations));
  const screenLockDetectable = useScreenLockDetectable();
  const parsed = {
    autoLockMinutes: parseWholeNumber(minutes, 0, MAX_MINUTES),
    clipboardClearSeconds: parseWholeNumber(seconds, MIN_SECONDS, MAX_SECONDS),
    copyReauthMinutes: parseWholeNumber(reauth, 0, MAX_MINUTES),
    keyMaxAgeDays: parseWholeNumber(maxAge, 1, MAX_AGE_DAYS),
    manyFlowsThreshold: parseWholeNumber(manyFlows, 1, MAX_FLOWS),
    graceLimitDays: parseWholeNumber(grace, 1, MAX_GRACE_DAYS),
    dueSoonDays: parseWholeNumber(soon, 0, MAX_SOON_DAYS),
    backupGenerations: parseWholeNumber(generations, 0, MAX_GENERATIONS),
  };
  const { autoLockMinutes, clipboardClearSeconds, copyReauthMinutes } = parsed;
  const { keyMaxAgeDays, manyFlowsThreshold, graceLimitDays } = parsed;
  const { dueSoonDays, backupGenerations } = parsed;
  const valid = Object.values(parsed).every((value) => value !== null);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (
      autoLockMinutes === null ||
      clipboardClearSeconds === null ||
      copyReauthMinutes === null ||
      keyMaxAgeDays === null ||
      manyFlowsThreshold === null ||
      graceLimitDays === null ||
      dueSoonDays === null ||
      backupGenerations === null
    )
      return;
    await save({
      autoLockMinutes,
      lockOnScreenLock: onScreenLock,
      lockOnSleep: onSleep,
      clipboardClearSeconds,
      copyReauthMinutes,
      storeCreatedKeys: storeKeys,
      keyMaxAgeDays,
      manyFlowsThreshold,
      graceLimitDays,
      dueSoonDays,
      notifyDue,
      backupGenerations,
    });
  }

  return (
    <>
      {/* Outside the form: the dialog's own submit must not bubble into this one. */}
      <form
        className="sections"
        aria-label="Settings"
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        <section className="block stack" aria-labelledby="auto-lock-heading">
          <h2 id="auto-lock-heading">Locking</h2>
          <RangeField
            label="Auto-lock after (minutes)"
            value={minutes}
            onValueChange={edited(setMinutes)}
            min={0}
            max={MAX_MINUTES}
            unit="minutes"
            hint="0 means never."
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
        </section>
        <section className="block stack" aria-labelledby="clipboard-heading">
          <h2 id="clipboard-heading">Clipboard and copying</h2>
          <RangeField
            label="Clear the clipboard after (seconds)"
            value={seconds}
            onValueChange={edited(setSeconds)}
            min={MIN_SECONDS}
            max={MAX_SECONDS}
            unit="seconds"
            hint="A copied key is wiped from the clipboard after this long, unless you copied something else meanwhile."
          />
          <RangeField
            label="Ask for the master password again before copying after (minutes)"
            value={reauth}
            onValueChange={edited(setReauth)}
            min={0}
            max={MAX_MINUTES}
            unit="minutes"
            hint="Counted from the last unlock. 0 means never ask."
          />
          <CheckboxField
            label="Keep a copy of keys created here in the vault"
            asSwitch
            checked={storeKeys}
            onCheckedChange={edited(setStoreKeys)}
            hint="When on, the value of each API key you create in this app is stored encrypted in the vault, so you can copy it again later; it is still never shown again. When off, the value exists only in the one-time reveal after creating the key, and you must store it yourself."
          />
        </section>
        <section className="block stack" aria-labelledby="overview-heading">
          <h2 id="overview-heading">Overview</h2>
          <RangeField
            label="Report keys older than (days)"
            value={maxAge}
            onValueChange={edited(setMaxAge)}
            min={1}
            max={MAX_AGE_DAYS}
            unit="days"
            hint="Counted from when this vault first saw the key, or its last rotation here; long-lived keys leak. A maximum age set on an instance or a key takes its place there."
          />
          <RangeField
            label="Report a key bound to more flows than"
            value={manyFlows}
            onValueChange={edited(setManyFlows)}
            min={1}
            max={MAX_FLOWS}
            unit="flows"
            hint="One leak of such a key exposes every one of its flows."
          />
          <RangeField
            label="Report a rotation in grace for longer than (days)"
            value={grace}
            onValueChange={edited(setGrace)}
            min={1}
            max={MAX_GRACE_DAYS}
            unit="days"
            hint="The old key stays alive until the rotation is finished."
          />
        </section>
        <section className="block stack" aria-labelledby="reminders-heading">
          <h2 id="reminders-heading">Rotation reminders</h2>
          <RangeField
            label="Say a key is soon due this many days ahead"
            value={soon}
            onValueChange={edited(setSoon)}
            min={0}
            max={MAX_SOON_DAYS}
            unit="days"
            hint="Soon-due keys are named after unlock and in the Rotation page's Due list. 0 names only keys already due."
          />
          <CheckboxField
            label="Notify me when a key falls due"
            asSwitch
            checked={notifyDue}
            onCheckedChange={edited(setNotifyDue)}
            hint="A system notification, once per key, while the app runs unlocked."
          />
        </section>
        <section className="block stack" aria-labelledby="backups-settings-heading">
          <h2 id="backups-settings-heading">Backups</h2>
          <RangeField
            label="Automatic backups to keep"
            value={generations}
            onValueChange={edited(setGenerations)}
            min={0}
            max={MAX_GENERATIONS}
            unit="saves"
            hint="The vault's last saves, kept beside it and encrypted like it. 0 keeps none."
          />
        </section>
        {failure === null ? null : <Alert>{failure}</Alert>}
        <div className="row">
          <Button type="submit" variant="primary" disabled={busy || !valid}>
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
