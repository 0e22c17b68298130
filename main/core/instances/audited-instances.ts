// Records instance changes in the audit log, and tells every window the list changed.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { EventSink } from '../ports.js';

export function auditedInstances(
  inner: ApiImpl['instances'],
  audit: AuditLog,
  events: EventSink,
  /** Drops what else the vault holds for a removed instance (its remembered keys). */
  onRemoved: (id: string) => Promise<void>,
  /** Throws when the instance may not go yet (a rotation on it is unfinished). */
  beforeRemove: (id: string) => void = () => undefined,
): ApiImpl['instances'] {
  const changed = async (): Promise<void> => {
    events.emit('instances.changed', await inner.list());
  };
  const subject = (id: string, name: string) => ({ kind: 'instance' as const, id, name });
  return {
    ...inner,
    async add(draft) {
      const added = await inner.add(draft);
      await audit.append({
        action: 'instance.add',
        outcome: 'ok',
        instanceId: added.id,
        instanceName: added.name,
        subject: subject(added.id, added.name),
        detail: added.baseUrl,
      });
      await changed();
      return added;
    },
    async update(id, patch) {
      const updated = await inner.update(id, patch);
      const fields = Object.keys(patch).filter((k) => k !== 'adminKey');
      const detail = [...fields, ...(patch.adminKey === undefined ? [] : ['admin key replaced'])];
      await audit.append({
        action: 'instance.update',
        outcome: 'ok',
        instanceId: id,
        instanceName: updated.name,
        subject: subject(id, updated.name),
        detail: detail.join(', '),
      });
      await changed();
      return updated;
    },
    async remove(id) {
      beforeRemove(id);
      const before = (await inner.list()).instances.find((i) => i.id === id);
      await inner.remove(id);
      await onRemoved(id);
      await audit.append({
        action: 'instance.remove',
        outcome: 'ok',
        instanceId: id,
        instanceName: before?.name ?? id,
        subject: subject(id, before?.name ?? id),
      });
      await changed();
    },
    async reorder(ids) {
      const list = await inner.reorder(ids);
      events.emit('instances.changed', list);
      return list;
    },
    async setActive(id) {
      await inner.setActive(id);
      await changed();
    },
  };
}
