// The created key's one look: after this dialog closes the value is never shown again.
import type { CreatedKey } from '../../../common/ipc/schemas/keys.js';
import { useKeysStore } from '../../stores/stores-context.js';
import { KeyReveal } from './KeyReveal.js';

export function RevealStep({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const copyKey = useKeysStore((s) => s.copy);
  return (
    <KeyReveal
      ticket={created.ticket}
      keyName={created.key.keyName}
      label="The new key"
      warning={
        <>
          <strong>You will not see this value again.</strong> Once this dialog closes it is never
          shown; it can only be copied from the list.
        </>
      }
      copyLabel="Copy key"
      copy={(password) => copyKey(created.key.id, password)}
      onDone={onDone}
      testId="revealed-key"
    />
  );
}
