// Putting a key back with its exact value: POST /apikey/import, which Flowise has from 2.0.2 to
// 3.0.12 (3.0.13 removed it). This is how a key lost from 2.x's api.json, or deleted by mistake, is
// restored with the value its callers already hold. The server stores what it is sent, so the
// record carries Flowise's own secret hash (scrypt, 64 bytes, hex, then "." and a hex salt).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

import { AppError } from '../../../common/errors.js';
import type { ApiKeyRow } from './flowise-schemas.js';
import { ApiKeyList } from './flowise-schemas.js';
import type { Transport } from './flowise-transport.js';
import type { FlowiseGeneration } from './generation.js';
import { checkName } from './input-checks.js';
import { normaliseKeyName } from './keys-api.js';

export interface KeyImport {
  keyName: string;
  /** The exact value to restore. */
  apiKey: string;
  /** The id it had: 2.x keeps the id it is sent (so flows bound to it work again); 3.0.x makes a
   * new one whatever it is sent. */
  id?: string;
}

const scryptAsync = promisify(scrypt) as (
  key: string,
  salt: string,
  length: number,
) => Promise<Buffer>;

/** The `apiSecret` Flowise keeps beside a key and checks a flow's caller against. Derived off the
 * main thread: scrypt takes tens of milliseconds, which the app's event loop should not wait on. */
async function flowiseSecretHash(apiKey: string): Promise<string> {
  const salt = randomBytes(8).toString('hex');
  return `${(await scryptAsync(apiKey, salt, 64)).toString('hex')}.${salt}`;
}

function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "06-Dec-26", the date format of 2.x's api.json. */
function jsonDate(now: Date): string {
  const [, day = '', month = '', year = ''] = now.toUTCString().split(' ');
  return `${day}-${month}-${year.slice(2)}`;
}

export function createKeyImport(
  t: Transport,
  generation: () => Promise<FlowiseGeneration>,
  listKeys: () => Promise<ApiKeyRow[]>,
): (draft: KeyImport) => Promise<ApiKeyRow> {
  return async (draft) => {
    const keyName = checkName(normaliseKeyName(draft.keyName), 'key');
    if ((await generation()) === '3.0.13+')
      throw new AppError(
        'precondition_failed',
        `${t.host} runs Flowise 3.0.13 or newer, which cannot import a key with a given value; ` +
          'only 2.0.2 to 3.0.12 can.',
        { host: t.host },
      );
    const record = {
      keyName,
      apiKey: draft.apiKey,
      apiSecret: await flowiseSecretHash(draft.apiKey),
      createdAt: jsonDate(new Date()),
      id: draft.id ?? randomBytes(16).toString('hex'),
    };
    const jsonFile = `data:application/json;base64,${Buffer.from(JSON.stringify([record])).toString('base64')}`;
    // errorIfExist: a key of the same name is never overwritten; the server refuses instead.
    const answer = await t.json('POST', '/apikey/import', ApiKeyList, {
      body: { jsonFile, importMode: 'errorIfExist' },
      subject: `API key "${keyName}"`,
      secrets: [draft.apiKey],
    });
    // 2.x with api.json answers with the imported keys only, the others with the whole list.
    const found = (rows: ApiKeyRow[]) => rows.find((row) => sameValue(row.apiKey, draft.apiKey));
    const row = found(answer) ?? found(await listKeys());
    if (row === undefined)
      throw new AppError('server_error', `${t.host} did not list the imported key "${keyName}".`, {
        host: t.host,
      });
    return row;
  };
}
