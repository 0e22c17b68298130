import { useSettingsStore } from '../../stores/stores-context.js';
import { Alert } from '../../ui/Alert.js';
import { BackupBlock } from '../backup/BackupBlock.js';
import { BackupsBlock } from './BackupsBlock.js';
import { KeychainBlock } from './KeychainBlock.js';
import { MasterPasswordBlock } from './MasterPasswordBlock.js';
import { SettingsForm } from './SettingsForm.js';

export function SettingsSection() {
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  return (
    <div className="sections">
      {settings !== null ? (
        <SettingsForm initial={settings} />
      ) : error === null ? (
        <p className="muted">Loading settings…</p>
      ) : (
        <Alert>{error.message}</Alert>
      )}
      <MasterPasswordBlock />
      <KeychainBlock />
      <BackupBlock />
      <BackupsBlock />
    </div>
  );
}
