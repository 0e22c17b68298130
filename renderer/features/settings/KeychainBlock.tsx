// Whether the OS keychain can also unlock the vault, and the switch for it.
import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { CheckboxField } from '../../ui/Field.js';

export function KeychainBlock() {
  const keychain = useVaultStore((s) => s.status?.keychain);
  const busy = useVaultStore((s) => s.busy);
  const setKeychainUnlock = useVaultStore((s) => s.setKeychainUnlock);
  const error = useVaultStore((s) => (s.error?.action === 'setKeychainUnlock' ? s.error : null));
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
        checked={keychain.enabled}
        // Turning it off stays possible even when the keychain has gone away.
        disabled={busy || (!keychain.available && !keychain.enabled)}
        onCheckedChange={(enabled) => void setKeychainUnlock(enabled)}
        hint="Anyone who can sign in to this computer account can then open the vault without the master password."
      />
      {error === null ? null : <Alert>{error.message}</Alert>}
    </section>
  );
}
