// The typed client of one Flowise instance. Everything goes through one transport bound to the
// instance's origin and admin key; the generation is detected once, when a call depends on it.
import { AppError, isAppError } from '../../../common/errors.js';
import type { ConnectionDescription } from '../instances/connection-report.js';
import type { HttpPort, HttpTls } from '../ports.js';
import type { ChatflowsApi } from './chatflows-api.js';
import { createChatflowsApi } from './chatflows-api.js';
import type { CredentialsApi } from './credentials-api.js';
import { createCredentialsApi } from './credentials-api.js';
import { describeServer, generationFromVersion } from './describe-server.js';
import { createTransport } from './flowise-transport.js';
import type { FlowiseGeneration } from './generation.js';
import type { KeysApi } from './keys-api.js';
import type { KeyWriteQueues } from './key-write-queues.js';
import { createKeysApi } from './keys-api.js';
import { instanceBase } from './origin-policy.js';
import type { PredictionApi } from './prediction-api.js';
import { createPredictionApi } from './prediction-api.js';
import type { ServerApi } from './server-api.js';
import { createServerApi } from './server-api.js';
import type { ServerGenerations } from './server-generations.js';
import type { ConditionalReads } from './conditional-reads.js';

export interface FlowiseClientOptions {
  http: HttpPort;
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  tls?: HttpTls | undefined;
  /** Plain http to a host that is not loopback; off unless the person allowed it. */
  allowInsecureHttp?: boolean | undefined;
  maxBodyBytes?: number | undefined;
  /** Where key changes to a 2.x server wait their turn; none: sent at once. */
  keyWrites?: KeyWriteQueues | undefined;
  /** Where the generation found is kept for the clients made after this one; none: this one. */
  generations?: ServerGenerations | undefined;
  /** Where lists read from this server are kept with their ETag; none: each read is whole. */
  reads?: ConditionalReads | undefined;
}

export interface FlowiseClient
  extends ServerApi, KeysApi, ChatflowsApi, CredentialsApi, PredictionApi {
  readonly host: string;
  generation(): Promise<FlowiseGeneration>;
  describe(): Promise<ConnectionDescription>;
}

/** Big enough for a few hundred chatflows with their flowData. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export function createFlowiseClient(options: FlowiseClientOptions): FlowiseClient {
  const base = instanceBase(options.baseUrl, options.allowInsecureHttp ?? false);
  if (options.apiKey.trim() === '')
    throw new AppError('bad_request', `No API key is set for ${base.host}.`, { host: base.host });
  if (!/^[\x21-\x7e]+$/.test(options.apiKey))
    throw new AppError(
      'bad_request',
      `The API key for ${base.host} contains spaces or characters no Flowise key has.`,
      { host: base.host },
    );
  if (!(options.timeoutMs > 0))
    throw new AppError('bad_request', 'The timeout must be a positive number of milliseconds.');
  const transport = createTransport({
    http: options.http,
    base,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    tls: options.tls,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    reads: options.reads?.scope(base.href, options.apiKey),
  });
  const server = createServerApi(transport);
  let known: Promise<FlowiseGeneration> | undefined;

  /** A path that is not Flowise's, where the server's root is: said as a wrong address. */
  const wrongAddress = async (error: unknown): Promise<never> => {
    if (!isAppError(error, 'not_flowise') || base.pathname === '/') throw error;
    const root = createTransport({
      http: options.http,
      base: new URL(base.origin),
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs,
      tls: options.tls,
      maxBodyBytes: 1024,
    });
    // Asked without the key: the address is a guess until it answers.
    const pong = await root.send('GET', '/ping', { key: null }).then(
      (answer) => answer.body.trim() === 'pong',
      () => false,
    );
    if (!pong) throw error;
    const seen = error.details?.seen;
    throw new AppError(
      'not_flowise',
      `Wrong address: Flowise answers at ${base.origin}, not at ${base.origin}${base.pathname}` +
        `${typeof seen === 'string' ? ` (which answered with ${seen})` : ''}. ` +
        `Use ${base.origin} as the address.`,
      { ...error.details, suggestion: base.origin },
    );
  };

  const describe = async (): Promise<ConnectionDescription> => {
    const found = await describeServer(transport.host, options.apiKey, server, keys).catch(
      wrongAddress,
    );
    known = Promise.resolve(found.generation);
    options.generations?.found(base.href, found.generation);
    return found;
  };
  const detect = async (): Promise<FlowiseGeneration> =>
    (await generationFromVersion(transport.host, server)) ?? (await describe()).generation;
  const generation = (): Promise<FlowiseGeneration> => {
    known ??= (options.generations?.of(base.href, detect) ?? detect()).catch((error: unknown) => {
      known = undefined;
      throw error;
    });
    return known;
  };
  const keys = serialisedOn2x(
    createKeysApi(transport, generation),
    generation,
    options.keyWrites?.of(base.href),
  );

  return {
    host: transport.host,
    generation,
    describe,
    ...server,
    ...keys,
    ...createChatflowsApi(transport),
    ...createCredentialsApi(transport),
    ...createPredictionApi(transport),
  };
}

/** On 2.x (api.json storage by default) an instance's key changes go one at a time. */
function serialisedOn2x(
  keys: KeysApi,
  generation: () => Promise<FlowiseGeneration>,
  queue: { run<T>(job: () => Promise<T>): Promise<T> } | undefined,
): KeysApi {
  if (queue === undefined) return keys;
  const inTurn =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      (await generation()) === '2.0.6-3.0.0' ? queue.run(() => call(...args)) : call(...args);
  return {
    ...keys,
    createKey: inTurn((draft: Parameters<KeysApi['createKey']>[0]) => keys.createKey(draft)),
    updateKey: inTurn((id: string, patch: Parameters<KeysApi['updateKey']>[1]) =>
      keys.updateKey(id, patch),
    ),
    deleteKey: inTurn((id: string) => keys.deleteKey(id)),
    importKey: inTurn((draft: Parameters<KeysApi['importKey']>[0]) => keys.importKey(draft)),
  };
}
