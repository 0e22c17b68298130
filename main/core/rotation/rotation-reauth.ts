// Showing the new key a second time follows the rule of keys.copy: a recent unlock, or the master
// password now.
import { AppError } from '../../../common/errors.js';
import type { RotationDeps } from './rotation-deps.js';
import { countOf } from '../../../common/words.js';

export function createReauth(
  deps: Pick<RotationDeps, 'settings' | 'vault' | 'clock'>,
): (password: string | undefined) => Promise<void> {
  let lastReauth = 0;
  return async (password) => {
    const minutes = deps.settings().copyReauthMinutes;
    const since = Math.max(deps.vault.unlockedAt ?? 0, lastReauth);
    if (minutes === 0 || deps.clock.now() - since <= minutes * 60_000) return;
    if (password === undefined)
      throw new AppError(
        'reauth_required',
        `The vault was unlocked more than ${countOf(minutes, 'minute')} ago. Enter the master password to see the new key again.`,
      );
    await deps.vault.verifyPassword(password);
    lastReauth = deps.clock.now();
  };
}
