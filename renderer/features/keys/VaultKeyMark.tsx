// The mark of a key an instance in this vault is saved with (its admin key), wherever keys are
// listed. Main sets the flag by comparing values, which never reach the renderer; it also names
// the permissions the app needs to manage the server that the key lacks (Flowise 3.0.13+).
import type { KeySummary } from '../../../common/ipc/schemas/keys.js';

type VaultFlags = Pick<KeySummary, 'usedByVault' | 'missingForVault'>;

/** "Used by this vault", and what it lacks: "… — missing apikeys:delete, credentials:view". */
export function vaultKeyWords(key: VaultFlags): string {
  const missing = key.missingForVault ?? [];
  return missing.length === 0
    ? 'Used by this vault'
    : `Used by this vault — missing ${missing.join(', ')}`;
}

export function VaultKeyMark({ keySummary, note }: { keySummary: VaultFlags; note?: string }) {
  if (keySummary.usedByVault !== true) return null;
  return (
    <span className="badge badge-vault" data-testid="vault-key">
      {vaultKeyWords(keySummary)}
      {note === undefined ? '' : `: ${note}`}
    </span>
  );
}
