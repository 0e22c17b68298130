// Flowise's REST API called directly, for what tests set up, check and tear down around the app:
// one helper instead of one per file. Errors name the method, path and status, never a body (key
// lists carry every key in plain text). Works the same on every supported line; the set-ups that
// differ per line (a key's permissions, a flow that answers) are here too.
import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { generationOfVersion } from '../../main/core/flowise/generation.js';
import { answeringFlow } from './flowise-flows.js';

export const TEST_SETUP_HEADER = 'x-fkv-test-setup';

export interface RestTarget {
  url: string;
  /** The key used unless a call names another. */
  apiKey: string;
  /** The server's version, when known: it picks the flow shape and whether keys take permissions. */
  version?: string;
}

export interface RestAnswer {
  status: number;
  /** Parsed JSON, the text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface RestKey {
  id: string;
  keyName: string;
  apiKey: string;
  permissions?: string[];
}

// Function-valued fields, not methods: tests take them apart (`const { call } = flowiseRest(…)`).
export interface FlowiseRest {
  /** Any answer, with any key (null: none). */
  send: (method: string, path: string, body?: unknown, key?: string | null) => Promise<RestAnswer>;
  /** The body of a 2xx answer; anything else throws. */
  call: <T = unknown>(method: string, path: string, body?: unknown, key?: string) => Promise<T>;
  /** A key named `keyName`; `permissions` only where keys hold them (3.0.13+). */
  createKey: (keyName: string, permissions?: readonly string[]) => Promise<RestKey>;
  listKeys: () => Promise<RestKey[]>;
  /** A flow that answers `reply` without any model, as this server's line builds one. */
  createFlow: (name: string, reply?: string) => Promise<{ id: string }>;
  bindFlow: (flowId: string, keyId: string | null) => Promise<void>;
  /** The status of one prediction with `key` (null: none). */
  predict: (flowId: string, key: string | null) => Promise<number>;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function flowiseRest(target: RestTarget): FlowiseRest {
  const generation: FlowiseGeneration | undefined = (() => {
    const found = target.version === undefined ? undefined : generationOfVersion(target.version);
    return found === 'too-old' ? undefined : found;
  })();

  const send: FlowiseRest['send'] = async (method, path, body, key = target.apiKey) => {
    const response = await fetch(`${target.url}/api/v1${path}`, {
      method,
      headers: {
        // Tells these set-up calls apart from the app's own in the fake's request log.
        [TEST_SETUP_HEADER]: '1',
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      signal: AbortSignal.timeout(30_000),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: parse(await response.text()) };
  };

  const call = async <T>(method: string, path: string, body?: unknown, key?: string) => {
    const answer = await send(method, path, body, key);
    if (answer.status < 200 || answer.status >= 300)
      throw new Error(`${method} ${path} answered ${String(answer.status)}`);
    return answer.body as T;
  };

  return {
    send,
    call,
    async createKey(keyName, permissions = ['chatflows:view', 'apikeys:view']) {
      const scoped = generation === undefined || generation === '3.0.13+';
      const rows = await call<RestKey[]>('POST', '/apikey', {
        keyName,
        ...(scoped ? { permissions } : {}),
      });
      const made = rows.filter((k) => k.keyName === keyName);
      const key = made[made.length - 1];
      if (key === undefined) throw new Error(`the key ${keyName} was not created`);
      return key;
    },
    listKeys: () => call<RestKey[]>('GET', '/apikey'),
    async createFlow(name, reply = 'pong-from-flowise') {
      return call<{ id: string }>('POST', '/chatflows', {
        name,
        ...answeringFlow(generation ?? '3.0.13+', reply),
      });
    },
    async bindFlow(flowId, keyId) {
      await call('PUT', `/chatflows/${flowId}`, { apikeyid: keyId });
    },
    async predict(flowId, key) {
      return (await send('POST', `/prediction/${flowId}`, { question: 'hello' }, key)).status;
    },
  };
}
