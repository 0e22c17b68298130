// One Flowise client per call, built from the instance's saved profile, so an edited address,
// key or certificate takes effect at once and no client outlives a lock. What clients of one
// server share (its 2.x key-write queue, its generation) comes in `shared`.
import type { FlowiseClient, FlowiseClientOptions } from '../flowise/flowise-client.js';
import { createFlowiseClient } from '../flowise/flowise-client.js';
import type { HttpPort } from '../ports.js';
import type { InstanceRecord, InstanceStore } from './instance-store.js';
import { profileOf } from './instance-profiles.js';

export type SharedByClients = Pick<FlowiseClientOptions, 'keyWrites' | 'generations' | 'reads'>;

export interface InstanceClients {
  record(instanceId: string): InstanceRecord;
  client(instanceId: string): FlowiseClient;
  all(): InstanceRecord[];
}

export function createInstanceClients(
  store: InstanceStore,
  http: HttpPort,
  shared: SharedByClients = {},
): InstanceClients {
  return {
    record: (id) => store.get(id),
    client: (id) => createFlowiseClient({ http, ...profileOf(store.get(id)), ...shared }),
    all: () => store.read().instances,
  };
}

/** A client of the instance that authenticates with another key than its admin key. */
export function keyedClients(
  store: InstanceStore,
  http: HttpPort,
  shared: SharedByClients = {},
): (instanceId: string, apiKey: string) => FlowiseClient {
  return (instanceId, apiKey) =>
    createFlowiseClient({ http, ...profileOf(store.get(instanceId)), apiKey, ...shared });
}
