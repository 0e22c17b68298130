// keys.reveal and keys.copy. A value leaves main only through the single-use reveal ticket or the
// clipboard guard. A copy long after the last unlock asks for the master password again.
import { AppError, isAppError } from '../../../common/errors.js';
import { fingerprint } from '../flowise/mask.js';
import { keySubject } from './key-summaries.js';
import type { KeysDeps } from './keys-deps.js';
import { countOf } from '../../../common/words.js';

export interface KeyCopy {
  reveal(args: { ticket: string }): Promise<{ value: string }>;
  copy(args: { instanceId: string; keyId: string; password?: string | undefined }): Promise<{
    clearsAt: number;
  }>;
  /** Passes when the master password was entered recently enough, or is given now. */
  reauth(password: string | undefined): Promise<void>;
  clear(): void;
}

export function createKeyCopy(deps: KeysDeps): KeyCopy {
  const { vault, clock } = deps;
  let lastReauth = 0;

  async function reauth(password: string | undefined): Promise<void> {
    const minutes = deps.settings().copyReauthMinutes;
    const since = Math.max(vault.unlockedAt ?? 0, lastReauth);
    if (minutes === 0 || clock.now() - since <= minutes * 60_000) return;
    if (password === undefined)
      throw new AppError(
        'reauth_required',
        `The vault was unlocked more than ${countOf(minutes, 'minute')} ago. Enter the master password to copy a key.`,
      );
    await vault.verifyPassword(password);
    lastReauth = clock.now();
  }

  /** The value from Flowise's own list, or the vault's copy when the list cannot be read. */
  async function valueOf(instanceId: string, keyId: string) {
    try {
      const row = (await deps.clients.client(instanceId).listKeys()).find((r) => r.id === keyId);
      if (row !== undefined) return row;
    } catch (error) {
      if (!isAppError(error, 'forbidden')) throw error;
    }
    const stored = deps.known.find(instanceId, keyId);
    if (stored?.value !== undefined)
      return { id: keyId, keyName: stored.keyName, apiKey: stored.value };
    throw new AppError('not_found', 'That key is no longer on the server.', { keyId });
  }

  return {
    async reveal({ ticket }) {
      const { value, about } = deps.tickets.redeem(ticket);
      await deps.audit.append({
        action: 'key.reveal',
        outcome: 'ok',
        ...(about === undefined
          ? {}
          : { instanceId: about.instanceId, instanceName: about.instanceName }),
        subject: {
          kind: 'key',
          name: about?.keyName ?? 'new key',
          fingerprint: fingerprint(value),
        },
        detail:
          about?.again === true
            ? 'shown again while its rotation waits in grace'
            : 'shown once, as a new key',
      });
      return { value };
    },
    async copy({ instanceId, keyId, password }) {
      const started = deps.clipboard.begin();
      await reauth(password);
      const row = await valueOf(instanceId, keyId);
      const result = await deps.clipboard.copy(row.apiKey, row.keyName, started);
      await deps.audit.append({
        action: 'key.copy',
        outcome: 'ok',
        instanceId,
        instanceName: deps.clients.record(instanceId).name,
        subject: keySubject(row),
      });
      return result;
    },
    reauth,
    clear() {
      deps.tickets.clear();
      lastReauth = 0;
    },
  };
}
