// How audit records read on screen: actions and outcomes in words, times in the local format.
import type { AuditAction, AuditRecord } from '../../../common/ipc/schemas/audit.js';
import { AuditAction as AuditActionSchema } from '../../../common/ipc/schemas/audit.js';

const ACTION_WORDS: Record<AuditAction, string> = {
  'instance.add': 'Instance added',
  'instance.update': 'Instance edited',
  'instance.remove': 'Instance removed',
  'instance.test': 'Connection tested',
  'instance.pin': 'Certificate pinned',
  'key.create': 'API key created',
  'key.update': 'API key edited',
  'key.delete': 'API key deleted',
  'key.import': 'Lost API key re-imported',
  'key.promote': 'API key made again on another instance',
  'key.forget': 'Lost API key forgotten',
  'key.copy': 'API key copied',
  'key.reveal': 'New API key shown',
  'chatflow.bind': 'Flow key assigned',
  'chatflow.public': 'Flow public on purpose',
  'credential.create': 'Credential created',
  'credential.update': 'Credential edited',
  'credential.delete': 'Credential deleted',
  'credential.promote': 'Credential copied to another instance',
  'rotation.step': 'Rotation step',
  'rotation.batch': 'Bulk rotation',
  'vault.password_changed': 'Master password changed',
  'audit.truncated': 'Audit records found missing',
  'settings.weakened': 'Lock setting weakened',
  'vault.keychain_changed': 'Keychain unlock turned on or off',
  'vault.unlock': 'Vault unlocked',
  'vault.unlock_failed': 'Failed unlocks',
  'delivery.target_add': 'Delivery target added',
  'delivery.target_update': 'Delivery target changed',
  'delivery.target_remove': 'Delivery target removed',
  'policy.set': 'Rotation policy set',
  'backup.export': 'Encrypted backup made',
  'backup.import': 'Encrypted backup imported',
};

/** Every action, in the contract's order, with its words: the options of the action filter. */
export const ACTIONS: readonly { value: AuditAction; label: string }[] =
  AuditActionSchema.options.map((value) => ({ value, label: ACTION_WORDS[value] }));

export function actionWords(action: AuditAction): string {
  return ACTION_WORDS[action];
}

export function isAuditAction(value: string): value is AuditAction {
  return (AuditActionSchema.options as readonly string[]).includes(value);
}

export function outcomeWords(outcome: AuditRecord['outcome']): string {
  return outcome === 'ok' ? 'Done' : 'Failed';
}

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function timeWords(at: number): string {
  return TIME.format(at);
}

/** What the count line says: all of them, or the newest page of a longer list. */
export function countWords(shown: number, total: number): string {
  if (total === 1) return 'Showing 1 record.';
  if (shown >= total) return `Showing ${total.toLocaleString()} records.`;
  return `Showing the newest ${shown.toLocaleString()} of ${total.toLocaleString()} records. Narrow the filters to see older ones.`;
}
