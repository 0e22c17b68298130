// Whether the OS keychain can also unlock the vault, and the switch for it. Either way the master
// password is asked first: on lets anyone at this OS account open the vault, and off makes a new
// data key (the keychain keeps the old one) that only the password can wrap.
import { useState } from 'react';

import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { CheckboxField } from '../../ui/Field.js';
import { MasterPasswordDialog } from '../../ui/MasterPasswordDialog.js';

const ASK_ON =
  'Turning on keychain unlock lets anyone who can sign in to this computer account open the vault.';
const ASK_OFF =
  'Turning off keychain unlock makes a new data key for the vault, wrapped with the master password only, so the key the keychain still holds opens nothing saved from now on.';

export function KeychainBlock() {
  const keychain = useVaultStore((s) => s.status?.keychain);
  const busy = useVaultStore((s) => s.busy);
  const setKeychainUnlock = useVaultStore((s) => s.setKeychainUnlock);
  const error = useVaultStore((s) => (s.error?.action === 'setKeychainUnlock' ? s.error : null));
  const clearError = useVaultStore((s) => s.clearError);
  /** The state asked for, while the password dialog is open. */
  const [asked, setAsked] = useState<boolean | null>(null);
  if (keychain === undefined) return null;

  const availability = keychain.available
    ? `Available (${keychain.backend}).`
    : `Not available (${keychain.backend})${keychain.reason === undefined ? '.' : `: ${keychain.reason}`}`;

  return (
    <section className="block" aria-labelledby="keychain-heading">
      <h2 id="keychain-heading">System keychain</h2>
      <p>{availability}</p>
      <CheckboxField
        label="Unlock with system keychain"
        asSwitch
        checked={keychain.enabled}
        // Turning it off stays possible even when the keychain has gone away.
        disabled={busy || (!keychain.available && !keychain.enabled)}
        onCheckedChange={setAsked}
        hint="Anyone who can sign in to this computer account can then open the vault without the master password."
      />
      {error === null || asked !== null ? null : <Alert>{error.message}</Alert>}
      <MasterPasswordDialog
        open={asked !== null}
        description={asked === false ? ASK_OFF : ASK_ON}
        submitLabel={asked === false ? 'Turn off' : 'Turn on'}
        onSubmit={async (password) => {
          const failed = await setKeychainUnlock(asked === true, password);
          return failed === null ? null : failed.message;
        }}
        onClose={() => {
          setAsked(null);
          clearError();
        }}
      />
    </section>
  );
}
