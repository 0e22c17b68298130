// What tells keys of one name apart in a list: the masked value and how many flows use it, and
// whether the vault is saved with the key (its admin key).
import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { countOf } from '../../../common/words.js';
import { VaultKeyMark } from '../keys/VaultKeyMark.js';

type Shown = Pick<KeySummary, 'masked' | 'boundFlows' | 'usedByVault' | 'missingForVault'>;

export function KeyDetails({ keyInfo, vaultNote }: { keyInfo: Shown; vaultNote?: string }) {
  return (
    <>
      <span className="muted small">
        {keyInfo.masked}, used by {countOf(keyInfo.boundFlows.length, 'flow')}
      </span>{' '}
      <VaultKeyMark
        keySummary={keyInfo}
        {...(vaultNote === undefined ? {} : { note: vaultNote })}
      />
    </>
  );
}
