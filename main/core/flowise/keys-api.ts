// API keys. Flowise answers POST and PUT with the whole key list, so the key a call made or changed
// is found in it by id; DELETE of an unknown id still answers 200 (affected: 0), and 2.x answers
// DELETE with the remaining list, so that line is checked before deleting.
import { AppError, isAppError } from '../../../common/errors.js';
import type { Transport } from './flowise-transport.js';
import type { ApiKeyRow } from './flowise-schemas.js';
import { ApiKeyList, KeyDeleteAnswer } from './flowise-schemas.js';
import type { FlowiseGeneration } from './generation.js';
import { generationOfRows } from './generation.js';
import { checkId, checkName, checkPermissions, segment } from './input-checks.js';
import type { KeyImport } from './keys-import.js';
import { createKeyImport } from './keys-import.js';
import { notFoundError } from './response-errors.js';

export interface KeyDraft {
  keyName: string;
  /** Required by 3.0.13+; older servers ignore it. */
  permissions?: readonly string[] | undefined;
}

export interface KeyPatch {
  keyName?: string | undefined;
  permissions?: readonly string[] | undefined;
}

/** The name a key is stored under: Flowise keeps what it is sent, and this client sends it
 * trimmed, so anything that later looks a key up by name must use the same form. */
export function normaliseKeyName(name: string): string {
  return name.trim();
}

export interface KeysApi {
  listKeys(): Promise<ApiKeyRow[]>;
  createKey(draft: KeyDraft): Promise<ApiKeyRow>;
  /** Renames or re-scopes a key; the value never changes (Flowise has no regenerate). */
  updateKey(id: string, patch: KeyPatch): Promise<ApiKeyRow>;
  deleteKey(id: string): Promise<void>;
  /** Adds a key with a given value (2.0.2–3.0.12 only; keys-import.ts). */
  importKey(draft: KeyImport): Promise<ApiKeyRow>;
}

export function createKeysApi(t: Transport, generation: () => Promise<FlowiseGeneration>): KeysApi {
  const listKeys = (): Promise<ApiKeyRow[]> =>
    t.json('GET', '/apikey', ApiKeyList, { conditional: true });
  const subject = (id: string): string => `API key ${id}`;

  /** The rows before a create, or undefined when the key may create but not list. */
  const rowsBefore = async (): Promise<ApiKeyRow[] | undefined> => {
    try {
      return await listKeys();
    } catch (error) {
      if (isAppError(error, 'forbidden')) return undefined;
      throw error;
    }
  };

  /** Before 3.0.13 a key carries no permissions: none are sent, and asking for some is an error
   * rather than a key that silently has full access. */
  const permissionsFor = async (
    wanted: readonly string[] | undefined,
    line: () => Promise<FlowiseGeneration>,
  ): Promise<string[] | undefined> => {
    if (wanted === undefined) return undefined;
    // The form is checked before anything is asked of the server.
    if (wanted.length > 0) checkPermissions(wanted);
    if ((await line()) === '3.0.13+') return checkPermissions(wanted);
    if (wanted.length > 0)
      throw new AppError(
        'bad_request',
        `${t.host} runs Flowise older than 3.0.13: its API keys carry no permissions and every key has full access, so none can be chosen.`,
        { host: t.host },
      );
    return undefined;
  };

  return {
    listKeys,
    importKey: createKeyImport(t, generation, listKeys),

    async createKey(draft) {
      const keyName = checkName(normaliseKeyName(draft.keyName), 'key');
      if (draft.permissions !== undefined && draft.permissions.length > 0)
        checkPermissions(draft.permissions);
      const rows = await rowsBefore();
      const before = rows === undefined ? undefined : new Set(rows.map((row) => row.id));
      // The rows already listed tell the line, sparing a call; an empty list cannot.
      const fromRows = rows === undefined ? undefined : generationOfRows(rows);
      const permissions = await permissionsFor(draft.permissions, () =>
        fromRows === undefined ? generation() : Promise.resolve(fromRows),
      );
      const after = await t.json('POST', '/apikey', ApiKeyList, {
        body: { keyName, ...(permissions === undefined ? {} : { permissions }) },
        subject: `API key "${keyName}"`,
      });
      const fresh = after.filter((row) => before === undefined || !before.has(row.id));
      if (fresh.length === 0)
        throw new AppError('server_error', `${t.host} did not list the new key "${keyName}".`, {
          host: t.host,
        });
      const named = fresh.filter((row) => row.keyName === keyName);
      const ours = fresh.length === 1 && before !== undefined ? fresh : named;
      const [row] = ours;
      if (row === undefined || ours.length > 1)
        throw new AppError(
          'conflict',
          `${t.host} created the key "${keyName}", but it cannot be told apart from other new keys. ` +
            'Check the key list on the server.',
          { host: t.host },
        );
      return row;
    },

    async updateKey(id, patch) {
      const keyId = checkId(id, 'API key');
      let keyName =
        patch.keyName === undefined ? undefined : checkName(normaliseKeyName(patch.keyName), 'key');
      let permissions = await permissionsFor(patch.permissions, generation);
      // Flowise requires both fields on PUT, so what the caller leaves out is taken from the key
      // (which has no permissions before 3.0.13, so none are sent there).
      if (keyName === undefined || permissions === undefined) {
        const current = (await listKeys()).find((row) => row.id === keyId);
        if (current === undefined) throw notFoundError(t.host, subject(keyId), 'GET /apikey');
        keyName ??= current.keyName;
        permissions ??= current.permissions;
      }
      const after = await t.json('PUT', `/apikey/${segment(keyId)}`, ApiKeyList, {
        body: { keyName, ...(permissions === undefined ? {} : { permissions }) },
        subject: subject(keyId),
      });
      const row = after.find((r) => r.id === keyId);
      // 2.x with api.json answers an unknown id with 200 and an empty list.
      if (row === undefined && !(await listKeys()).some((r) => r.id === keyId))
        throw notFoundError(t.host, subject(keyId), `PUT /apikey/${keyId}`);
      if (row === undefined)
        throw new AppError(
          'server_error',
          `${t.host} accepted the change to ${subject(keyId)} but no longer lists it.`,
          { host: t.host },
        );
      return row;
    },

    async deleteKey(id) {
      const keyId = checkId(id, 'API key');
      const route = `DELETE /apikey/${keyId}`;
      t.checkPath(`/apikey/${segment(keyId)}`);
      if ((await generation()) === '2.0.6-3.0.0') {
        const exists = (await listKeys()).some((row) => row.id === keyId);
        if (!exists) throw notFoundError(t.host, subject(keyId), route);
      }
      const answer = await t.json('DELETE', `/apikey/${segment(keyId)}`, KeyDeleteAnswer, {
        subject: subject(keyId),
      });
      if (Array.isArray(answer)) {
        if (answer.some((row) => row.id === keyId))
          throw new AppError('server_error', `${t.host} still lists ${subject(keyId)}.`, {
            host: t.host,
          });
        return;
      }
      if (answer.affected === 0) throw notFoundError(t.host, subject(keyId), route);
    },
  };
}
