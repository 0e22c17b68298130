// The instances.* methods: profiles in the vault, summaries (never the admin key) to the renderer.
import { randomUUID } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type {
  InstanceList,
  InstancePatch,
  InstanceSummary,
} from '../../../common/ipc/schemas/instances.js';
import { InstanceDraft } from '../../../common/ipc/schemas/instances.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import type { Clock } from '../ports.js';
import type { Connect, ConnectionProfile } from './connection-report.js';
import { testConnection } from './connection-report.js';
import type { InstanceRecord, InstanceStore } from './instance-store.js';

export function summarize(record: InstanceRecord): InstanceSummary {
  return {
    id: record.id,
    name: record.name,
    baseUrl: record.baseUrl,
    colour: record.colour,
    timeoutMs: record.timeoutMs,
    allowSelfSigned: record.allowSelfSigned,
    allowInsecureHttp: record.allowInsecureHttp,
    hasCustomCa: record.caCertPem !== undefined,
    adminKeyMasked: maskKey(record.adminKey),
    adminKeyFingerprint: fingerprint(record.adminKey),
    ...(record.lastCheck === undefined ? {} : { lastCheck: record.lastCheck }),
  };
}

export function profileOf(
  record: Pick<
    InstanceRecord,
    'baseUrl' | 'adminKey' | 'timeoutMs' | 'caCertPem' | 'allowSelfSigned' | 'allowInsecureHttp'
  >,
): ConnectionProfile {
  const tls = {
    ...(record.caCertPem === undefined ? {} : { ca: record.caCertPem }),
    ...(record.allowSelfSigned ? { allowSelfSigned: true } : {}),
  };
  return {
    baseUrl: record.baseUrl.replace(/\/+$/, ''),
    apiKey: record.adminKey,
    timeoutMs: record.timeoutMs,
    tls,
    allowInsecureHttp: record.allowInsecureHttp,
  };
}

function applyPatch(current: InstanceRecord, patch: InstancePatch, now: number): InstanceRecord {
  const { caCertPem, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const next: InstanceRecord = { ...current, ...defined, updatedAt: now };
  if (caCertPem === null) delete next.caCertPem;
  else if (caCertPem !== undefined) next.caCertPem = caCertPem;
  return next;
}

export function createInstancesService(
  store: InstanceStore,
  connect: Connect,
  clock: Clock,
): ApiImpl['instances'] {
  const list = (): InstanceList => {
    const { instances, activeId } = store.read();
    return { instances: instances.map(summarize), ...(activeId === undefined ? {} : { activeId }) };
  };
  const replace = async (record: InstanceRecord): Promise<InstanceSummary> => {
    const section = store.read();
    await store.write({
      ...section,
      instances: section.instances.map((i) => (i.id === record.id ? record : i)),
    });
    return summarize(record);
  };

  return {
    list,
    async add(draft) {
      const parsed = InstanceDraft.parse(draft);
      const now = clock.now();
      const { caCertPem, ...rest } = parsed;
      const record: InstanceRecord = {
        ...rest,
        ...(caCertPem === undefined ? {} : { caCertPem }),
        id: randomUUID(),
        createdAt: now,
        updatedAt: now,
      };
      const section = store.read();
      await store.write({
        instances: [...section.instances, record],
        activeId: section.activeId ?? record.id,
      });
      return summarize(record);
    },
    async update(id, patch) {
      const current = store.get(id);
      const next = applyPatch(current, patch, clock.now());
      // A new address or key makes the last test meaningless.
      if (next.baseUrl !== current.baseUrl || next.adminKey !== current.adminKey)
        delete next.lastCheck;
      return replace(next);
    },
    async remove(id) {
      store.get(id);
      const section = store.read();
      const instances = section.instances.filter((i) => i.id !== id);
      const activeId = section.activeId === id ? instances[0]?.id : section.activeId;
      await store.write({ instances, ...(activeId === undefined ? {} : { activeId }) });
    },
    async reorder(ids) {
      const section = store.read();
      const byId = new Map(section.instances.map((i) => [i.id, i]));
      if (ids.length !== byId.size || ids.some((id) => !byId.has(id))) {
        throw new AppError('conflict', 'The instance list changed meanwhile. Try again.');
      }
      await store.write({ ...section, instances: ids.flatMap((id) => byId.get(id) ?? []) });
      return list();
    },
    async setActive(id) {
      store.get(id);
      await store.write({ ...store.read(), activeId: id });
    },
    async test(id) {
      const record = store.get(id);
      const report = await testConnection(connect, profileOf(record), clock.now());
      await replace({ ...store.get(id), lastCheck: report });
      return report;
    },
    async testEdit(id, patch) {
      // The edit form as typed, with the saved key and certificate where none was typed.
      const next = applyPatch(store.get(id), patch, clock.now());
      return testConnection(connect, profileOf(next), clock.now());
    },
    async testDraft(draft) {
      const parsed = InstanceDraft.parse(draft);
      return testConnection(connect, profileOf(parsed), clock.now());
    },
  };
}
