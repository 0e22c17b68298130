// The backup's own passphrase, typed twice, with the strength hint. Main refuses one rated below
// good (common/password-strength.ts), so the form says so before sending it.
import { BACKUP_MIN_SCORE, estimateStrength } from '../../../common/password-strength.js';
import { Field } from '../../ui/Field.js';
import { StrengthHint } from '../vault/StrengthHint.js';

export interface PassphraseValues {
  passphrase: string;
  confirm: string;
}

/** Whether the pair can be sent: strong enough, and the same twice. */
export function passphraseReady({ passphrase, confirm }: PassphraseValues): boolean {
  return estimateStrength(passphrase).score >= BACKUP_MIN_SCORE && confirm === passphrase;
}

export function PassphraseFields({
  values,
  onChange,
}: {
  values: PassphraseValues;
  onChange: (values: PassphraseValues) => void;
}) {
  const { passphrase, confirm } = values;
  const weak = passphrase !== '' && estimateStrength(passphrase).score < BACKUP_MIN_SCORE;
  // While the confirmation is still being typed and matches so far, say nothing yet.
  const mismatch = confirm !== '' && confirm !== passphrase && !passphrase.startsWith(confirm);
  return (
    <>
      <Field
        label="Backup passphrase"
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onValueChange={(next) => {
          onChange({ passphrase: next, confirm });
        }}
        hint={<StrengthHint password={passphrase} />}
        error={weak ? 'Choose a passphrase rated good or strong.' : null}
      />
      <Field
        label="Confirm backup passphrase"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onValueChange={(next) => {
          onChange({ passphrase, confirm: next });
        }}
        error={mismatch ? 'The passphrases do not match.' : null}
      />
    </>
  );
}
