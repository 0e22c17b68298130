// What tells keys of one name apart in a list: the masked value and how many flows use it.
import type { KeySummary } from '../../../common/ipc/schemas/keys.js';
import { countOf } from '../../../common/words.js';

export function KeyDetails({ keyInfo }: { keyInfo: Pick<KeySummary, 'masked' | 'boundFlows'> }) {
  return (
    <span className="muted small">
      {keyInfo.masked}, used by {countOf(keyInfo.boundFlows.length, 'flow')}
    </span>
  );
}
