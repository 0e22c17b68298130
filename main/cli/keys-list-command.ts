// fkv keys list: one instance's keys or every instance's, with the Keys page's own filters
// (common/key-list.ts). An instance that cannot be read is named on stderr and sets the exit code.
import type { WireError } from '../../common/errors.js';
import type { KeySummary } from '../../common/ipc/schemas/keys.js';
import { DEFAULT_QUERY, selectKeys } from '../../common/key-list.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT, exitCodeOfWire } from './exit-codes.js';
import { findInstance, parseDays } from './lookup.js';
import { day, note, printJson, printTable } from './output.js';
import type { OutputOptions } from './status-commands.js';
import { withVault } from './vault-session.js';

export interface KeysListOptions extends OutputOptions {
  instance?: string;
  unused?: boolean;
  olderThan?: string;
  broad?: boolean;
}

interface Listed {
  instanceName: string;
  keys: KeySummary[];
  error?: WireError | undefined;
}

const permissionWords = (key: KeySummary): string =>
  key.permissions === undefined ? 'full access' : String(key.permissions.length);

const marks = (key: KeySummary): string =>
  [
    key.usedByVault === true ? 'admin key of this vault' : '',
    key.rotating === true ? 'rotating' : '',
  ]
    .filter((word) => word !== '')
    .join(', ');

export function keysListCommand(options: KeysListOptions): Promise<ExitCode> {
  const query = {
    ...DEFAULT_QUERY,
    unusedOnly: options.unused === true,
    broadOnly: options.broad === true,
    olderThanDays: options.olderThan === undefined ? 0 : parseDays(options.olderThan),
  };
  return withVault(options, async ({ api }) => {
    let listed: Listed[];
    if (options.instance !== undefined) {
      const instance = await findInstance(api, options.instance);
      const { keys } = await api.keys.list({ instanceId: instance.id });
      listed = [{ instanceName: instance.name, keys }];
    } else listed = (await api.keys.listAll()).instances;
    const rows = listed.flatMap(({ instanceName, keys }) =>
      selectKeys(keys, query).map((key) => ({ instanceName, key })),
    );
    const failed = listed.filter((l) => l.error !== undefined);
    for (const { instanceName, error } of failed)
      note(`fkv: ${instanceName} could not be read: ${error?.message ?? ''}`);
    if (options.json === true)
      printJson(
        rows.map(({ instanceName, key }) => ({
          instanceName,
          ...key,
          boundFlows: key.boundFlows.map((flow) => flow.name),
        })),
      );
    else
      printTable(
        ['INSTANCE', 'NAME', 'KEY', 'PERMISSIONS', 'FLOWS', 'FIRST SEEN', 'NOTES'],
        rows.map(({ instanceName, key }) => [
          instanceName,
          key.keyName,
          key.masked,
          permissionWords(key),
          String(key.boundFlows.length),
          day(key.firstSeenAt),
          marks(key),
        ]),
      );
    const first = failed[0]?.error;
    return first === undefined ? EXIT.ok : exitCodeOfWire(first.code);
  });
}
