import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../common/ipc/schemas/settings.js';
import { createAuditLog } from '../audit/audit-log.js';
import { RecordingEventSink } from '../testing/memory-ports.js';
import { PASSWORD, vaultFixture } from '../vault/testing/vault-fixture.js';
import { createSettingsService } from './settings-service.js';
import { createSettingsMethods } from './settings-methods.js';

async function setup() {
  const fixture = vaultFixture();
  await fixture.vault.create(PASSWORD);
  const audit = createAuditLog({ ...fixture, osUser: 'operator' });
  const settings = createSettingsService(fixture.state);
  const { update } = createSettingsMethods({
    settings,
    verifyPassword: (password) => fixture.vault.verifyPassword(password),
    audit,
    events: new RecordingEventSink(),
    activity: () => undefined,
  });
  const records = () => audit.list({ action: 'settings.weakened' }).records;
  return { ...fixture, settings, update, records, audit };
}

describe('settings that weaken the vault', () => {
  it.each([
    ['auto-lock turned off', { autoLockMinutes: 0 }],
    ['auto-lock made longer', { autoLockMinutes: 60 }],
    ['copy re-auth turned off', { copyReauthMinutes: 0 }],
    ['copy re-auth made longer', { copyReauthMinutes: 120 }],
    ['lock on screen lock turned off', { lockOnScreenLock: false }],
    ['lock on sleep turned off', { lockOnSleep: false }],
  ])('%s needs the master password: without it nothing changes', async (_label, patch) => {
    const { update, settings, records } = await setup();
    await expect(update(patch)).rejects.toMatchObject({ code: 'reauth_required' });
    await expect(update({ ...patch, password: 'not the password' })).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(records()).toEqual([]);
  });

  it('each weakening change is saved with the master password and audited, never the password', async () => {
    const { update, settings, records, audit } = await setup();
    const next = await update({
      autoLockMinutes: 0,
      lockOnScreenLock: false,
      clipboardClearSeconds: 60,
      password: PASSWORD,
    });
    expect(next).toMatchObject({ autoLockMinutes: 0, lockOnScreenLock: false });
    expect(next).not.toHaveProperty('password');
    expect(settings.get()).toEqual(next);
    expect(records().map((r) => r.detail)).toEqual([
      'locking when the screen locks turned off',
      'auto-lock from 5 minutes to never',
    ]);
    expect(audit.export().json).not.toContain(PASSWORD);
  });

  it('strengthening needs no password and writes no record', async () => {
    const { update, records, settings } = await setup();
    await update({ autoLockMinutes: 1, copyReauthMinutes: 5, lockOnSleep: true });
    expect(settings.get()).toMatchObject({ autoLockMinutes: 1, copyReauthMinutes: 5 });
    expect(records()).toEqual([]);
  });
});
