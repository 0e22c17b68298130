// One key a split made, shown once as a created key is: the ticket is redeemed (and audited as a
// reveal) on mount, and the value lives only in KeyReveal's state, gone when it unmounts. The copy
// goes to main by id on the split's instance, which need not be the Keys page's.
import type { BoundFlow, KeySummary } from '../../../common/ipc/schemas/keys.js';
import { useApi } from '../../api/api-context.js';
import type { Outcome } from '../../stores/store-kit.js';
import { attempt } from '../../stores/store-kit.js';
import { KeyReveal } from '../keys/KeyReveal.js';

export interface RevealSplitKeyProps {
  ticket: string;
  flow: BoundFlow;
  newKey: KeySummary;
  /** Which of how many keys this is. */
  place: { index: number; count: number };
  onDone: () => void;
}

export function RevealSplitKey({ ticket, flow, newKey, place, onDone }: RevealSplitKeyProps) {
  const api = useApi();
  const copy = (password?: string): Promise<Outcome<{ clearsAt: number }>> => {
    const args = { instanceId: newKey.instanceId, keyId: newKey.id };
    return attempt(() => api.keys.copy(password === undefined ? args : { ...args, password }));
  };
  return (
    <KeyReveal
      ticket={ticket}
      keyName={newKey.keyName}
      regionLabel={`New key ${String(place.index + 1)} of ${String(place.count)}, for ${flow.name}`}
      label={
        <>
          The new key for {flow.name}, <strong>{newKey.keyName}</strong>
        </>
      }
      warning={
        <>
          <strong>You will not see this value again.</strong> Once you go on it is never shown; it
          can only be copied from the list.
        </>
      }
      copyLabel="Copy key"
      copy={copy}
      onDone={onDone}
      testId="revealed-key"
    />
  );
}
