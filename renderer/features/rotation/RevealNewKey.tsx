// The replacement key's look during a rotation. It is copied by id on the rotation's instance,
// which need not be the active one, so the copy goes to main directly rather than via the store.
import { useApi } from '../../api/api-context.js';
import type { Outcome } from '../../stores/store-kit.js';
import { toStoreError } from '../../stores/store-error.js';
import { KeyReveal } from '../keys/KeyReveal.js';

export interface RevealNewKeyProps {
  ticket: string;
  instanceId: string;
  newKey: { id: string; name: string };
  onDone: () => void;
}

export function RevealNewKey({ ticket, instanceId, newKey, onDone }: RevealNewKeyProps) {
  const api = useApi();

  async function copy(password?: string): Promise<Outcome<{ clearsAt: number }>> {
    try {
      const args = { instanceId, keyId: newKey.id };
      return {
        ok: true,
        value: await api.keys.copy(password === undefined ? args : { ...args, password }),
      };
    } catch (caught) {
      return { ok: false, error: toStoreError(caught) };
    }
  }

  return (
    <KeyReveal
      ticket={ticket}
      keyName={newKey.name}
      label={
        <>
          The new key, <strong>{newKey.name}</strong>
        </>
      }
      warning={
        <>
          <strong>Store it now.</strong> While the rotation waits for you it can be shown again from
          here, and it can always be copied from the Keys list.
        </>
      }
      copyLabel="Copy new key"
      copy={copy}
      onDone={onDone}
      testId="rotation-new-key"
    />
  );
}
