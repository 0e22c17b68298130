import { useSettingsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { AutoLockForm } from './AutoLockForm.js';
import { ClipboardForm } from './ClipboardForm.js';
import { KeychainBlock } from './KeychainBlock.js';
import { MasterPasswordBlock } from './MasterPasswordBlock.js';

export function SettingsSection() {
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  return (
    <div className="sections">
      <section className="block" aria-labelledby="auto-lock-heading">
        <h2 id="auto-lock-heading">Locking</h2>
        {settings === null ? (
          error === null ? (
            <p className="muted">Loading settings…</p>
          ) : (
            <Alert>{error.message}</Alert>
          )
        ) : (
          <AutoLockForm initial={settings} />
        )}
      </section>
      {settings === null ? null : (
        <section className="block" aria-labelledby="clipboard-heading">
          <h2 id="clipboard-heading">Clipboard and copying</h2>
          <ClipboardForm initial={settings} />
        </section>
      )}
      <MasterPasswordBlock />
      <KeychainBlock />
    </div>
  );
}
