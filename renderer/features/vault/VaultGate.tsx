// Picks the screen from the vault's state. The app frame, and every form and dialog inside it,
// exists only while unlocked: a lock unmounts it and drops whatever was typed.
import { useVaultStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { AppFrame } from '../frame/AppFrame.js';
import { CreateVaultScreen } from './CreateVaultScreen.js';
import { MissingVaultScreen } from './MissingVaultScreen.js';
import { UnlockScreen } from './UnlockScreen.js';
import { VaultScreen } from './VaultScreen.js';

export function VaultGate() {
  const status = useVaultStore((s) => s.status);
  const error = useVaultStore((s) => (s.error?.action === 'refresh' ? s.error : null));
  const refresh = useVaultStore((s) => s.refresh);

  if (status === null) {
    return (
      <VaultScreen title="Opening your vault">
        {error === null ? (
          <p className="muted">Checking the vault…</p>
        ) : (
          <Alert actions={<Button onClick={() => void refresh()}>Try again</Button>}>
            <p>{error.message}</p>
          </Alert>
        )}
      </VaultScreen>
    );
  }
  if (status.state === 'none') return <CreateVaultScreen />;
  if (status.state === 'missing') return <MissingVaultScreen status={status} />;
  if (status.state === 'locked') return <UnlockScreen status={status} />;
  return <AppFrame />;
}
