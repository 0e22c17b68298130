// The settings.* methods. An update that weakens a lock (see `weakenings`) needs the master
// password, checked against the open vault, and leaves one audit record per weakened setting. A
// person who walks up to an unlocked vault cannot quietly turn its locks off.
import { AppError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import { weakenings } from '../../../common/ipc/schemas/settings.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { EventSink } from '../ports.js';
import type { SettingsService } from './settings-service.js';

export interface SettingsDeps {
  settings: SettingsService;
  /** Rejects with wrong_password, or vault_locked when no vault is open. */
  verifyPassword: (password: string) => Promise<void>;
  audit: Pick<AuditLog, 'append'>;
  events: EventSink;
  /** Restarts the idle timer, which reads the new auto-lock minutes. */
  activity: () => void;
}

export function createSettingsMethods({
  settings,
  verifyPassword,
  audit,
  events,
  activity,
}: SettingsDeps): ApiImpl['settings'] {
  return {
    get: () => settings.get(),
    async update({ password, ...patch }) {
      const weaker = weakenings(settings.get(), patch);
      if (weaker.length > 0) {
        if (password === undefined)
          throw new AppError(
            'reauth_required',
            `Saving this makes the vault easier to reach (${weaker.map((w) => w.words).join('; ')}). Enter the master password to save it.`,
          );
        await verifyPassword(password);
      }
      const next = settings.update(patch);
      for (const { words } of weaker)
        await audit.append({
          action: 'settings.weakened',
          outcome: 'ok',
          subject: { kind: 'vault', name: 'settings' },
          detail: words,
        });
      events.emit('settings.changed', next);
      activity();
      return next;
    },
  };
}
