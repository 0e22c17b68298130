// One Flowise client per call, built from the instance's saved profile, so an edited address,
// key or certificate takes effect at once and no client outlives a lock.
import type { FlowiseClient } from '../flowise/flowise-client.js';
import { createFlowiseClient } from '../flowise/flowise-client.js';
import type { KeyWriteQueues } from '../flowise/key-write-queues.js';
import type { HttpPort } from '../ports.js';
import type { InstanceRecord, InstanceStore } from './instance-store.js';
import { profileOf } from './instance-profiles.js';

export interface InstanceClients {
  record(instanceId: string): InstanceRecord;
  client(instanceId: string): FlowiseClient;
  all(): InstanceRecord[];
}

export function createInstanceClients(
  store: InstanceStore,
  http: HttpPort,
  keyWrites?: KeyWriteQueues,
): InstanceClients {
  return {
    record: (id) => store.get(id),
    client: (id) => createFlowiseClient({ http, ...profileOf(store.get(id)), keyWrites }),
    all: () => store.read().instances,
  };
}

/** A client of the instance that authenticates with another key than its admin key. */
export function keyedClients(
  store: InstanceStore,
  http: HttpPort,
  keyWrites?: KeyWriteQueues,
): (instanceId: string, apiKey: string) => FlowiseClient {
  return (instanceId, apiKey) =>
    createFlowiseClient({ http, ...profileOf(store.get(instanceId)), apiKey, keyWrites });
}
