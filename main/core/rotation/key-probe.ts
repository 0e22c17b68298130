// Asks the server whether a key authenticates. A management route the key's permissions open
// must answer 200; for a key with none of those, a 403 still proves the key was recognised (a
// missing or deleted key gets 401). Prediction routes are no use here: Flowise answers a refused
// key there with a 500.
import { AppError, isAppError } from '../../../common/errors.js';
import type { FlowiseClient } from '../flowise/flowise-client.js';

type Probe = (client: FlowiseClient) => Promise<unknown>;

const PROBES: readonly { anyOf: readonly string[]; call: Probe }[] = [
  { anyOf: ['apikeys:view'], call: (c) => c.listKeys() },
  {
    anyOf: ['chatflows:view', 'chatflows:update', 'agentflows:view', 'agentflows:update'],
    call: (c) => c.listChatflows(),
  },
  { anyOf: ['credentials:view'], call: (c) => c.listCredentials() },
];

/** Resolves with the route it used when the key authenticates; throws `unauthorized` if not. */
export async function proveKeyWorks(
  client: FlowiseClient,
  permissions: readonly string[] | undefined,
): Promise<string> {
  // Before 3.0.13 every key can do everything.
  const held = permissions === undefined ? undefined : new Set(permissions);
  const allowed = PROBES.find((p) => held === undefined || p.anyOf.some((x) => held.has(x)));
  if (allowed !== undefined) {
    await allowed.call(client);
    return 'allowed route';
  }
  try {
    await client.listKeys();
  } catch (error) {
    if (isAppError(error, 'forbidden')) return 'recognised, no permission for the route';
    throw error;
  }
  return 'allowed route';
}

/** Resolves when the server refuses the key with 401; throws otherwise. */
export async function proveKeyRefused(client: FlowiseClient, keyName: string): Promise<void> {
  try {
    await client.listChatflows();
  } catch (error) {
    if (isAppError(error, 'unauthorized')) return;
    if (!isAppError(error, 'forbidden')) throw error;
  }
  throw new AppError(
    'conflict',
    `The server still accepts the old key "${keyName}" after it was deleted.`,
  );
}
