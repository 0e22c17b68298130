// Direct calls to the real Flowise for the rotation fault matrix: what each case sets up, what it
// reads back to judge the result (never through the fault proxy), and what it cleans up.
import { randomUUID } from 'node:crypto';

import { flowiseRest } from '../flowise/flowise-rest.js';
import type { FlowiseTarget } from '../flowise/flowise-target.js';
import { directReplyFlow } from '../fakes/fake-flowise-state.js';

export interface ServerKey {
  id: string;
  keyName: string;
  apiKey: string;
}

export interface ServerFlow {
  id: string;
  name: string;
  apikeyid?: string | null;
}

export interface ServerState {
  keys: ServerKey[];
  flows: ServerFlow[];
}

export const uniqueName = (what: string): string => `fkv-fault-${what}-${randomUUID().slice(0, 8)}`;

export function serverOf(flowise: FlowiseTarget) {
  const { send, call: json } = flowiseRest(flowise);

  return {
    /** A key with two flows bound to it, all named uniquely after `label`. */
    async keyWithFlows(label: string): Promise<{ old: ServerKey; flows: ServerFlow[] }> {
      const keyName = uniqueName(label);
      const keys = await json<ServerKey[]>('POST', '/apikey', {
        keyName,
        permissions: ['chatflows:view', 'apikeys:view'],
      });
      const old = keys.find((k) => k.keyName === keyName);
      if (old === undefined) throw new Error('the key was not created');
      const flows: ServerFlow[] = [];
      for (const n of [1, 2]) {
        const flow = await json<ServerFlow>('POST', '/chatflows', {
          name: uniqueName(`${label}-flow${String(n)}`),
          type: 'AGENTFLOW',
          flowData: directReplyFlow('pong-from-flowise'),
        });
        await json('PUT', `/chatflows/${flow.id}`, { apikeyid: old.id });
        flows.push(flow);
      }
      return { old, flows };
    },

    async state(): Promise<ServerState> {
      const [keys, flows] = await Promise.all([
        json<ServerKey[]>('GET', '/apikey'),
        json<ServerFlow[]>('GET', '/chatflows'),
      ]);
      return { keys, flows };
    },

    /** The status the server answers a management call made with `key`. */
    async statusWith(key: string): Promise<number> {
      return (await send('GET', '/chatflows', undefined, key)).status;
    },

    /** Deletes the flows and every key whose name starts with the old key's (the replacements). */
    async cleanUp(old: ServerKey, flows: readonly ServerFlow[]): Promise<void> {
      for (const flow of flows)
        await send('DELETE', `/chatflows/${flow.id}`).catch(() => undefined);
      const keys = await json<ServerKey[]>('GET', '/apikey').catch(() => []);
      for (const key of keys.filter((k) => k.keyName.startsWith(old.keyName)))
        await send('DELETE', `/apikey/${key.id}`).catch(() => undefined);
    },
  };
}

/** Flows (among `ids`) bound to a key the server does not have: locked out. */
export function lockedOut(state: ServerState, ids: readonly string[]): string[] {
  const keys = new Set(state.keys.map((k) => k.id));
  return state.flows
    .filter((f) => ids.includes(f.id))
    .filter((f) => f.apikeyid != null && f.apikeyid !== '' && !keys.has(f.apikeyid))
    .map((f) => f.name);
}

export function boundKeys(
  state: ServerState,
  ids: readonly string[],
): (string | null | undefined)[] {
  return ids.map((id) => state.flows.find((f) => f.id === id)?.apikeyid);
}
