// The instances.* methods: the profiles of instance-profiles.ts, with every change and connection
// test recorded in the audit log, passed or refused, and every window told the list changed.
// Details name fields, origins, fingerprints and error codes only.
import { AppError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type {
  ConnectionReport,
  InstancePatch,
  InstanceReauth,
} from '../../../common/ipc/schemas/instances.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock, EventSink } from '../ports.js';
import type { Connect, Probe } from './connection-report.js';
import { createInstanceProfiles } from './instance-profiles.js';
import type { InstanceStore } from './instance-store.js';

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return 'an invalid address';
  }
}

/** "code (REASON)": what went wrong, never a message that might quote what was typed. */
function refusal(error: unknown): string {
  if (!(error instanceof AppError)) return 'internal';
  const reason = error.details?.reason;
  return typeof reason === 'string' ? `${error.code} (${reason})` : error.code;
}

/** The fields an edit touches, with the certificate by fingerprint and the key only as "replaced". */
function editWords(patch: InstancePatch, reauth: InstanceReauth | undefined): string {
  const words = Object.keys(patch).flatMap((field) => {
    if (field === 'adminKey') return [];
    if (field === 'baseUrl') return [`address ${originOf(patch.baseUrl ?? '')}`];
    if (field === 'certificatePin')
      return [
        patch.certificatePin == null
          ? 'certificate pin removed'
          : `certificate pinned ${patch.certificatePin.sha256}`,
      ];
    return [field];
  });
  if (patch.adminKey !== undefined) words.push('admin key replaced');
  if (reauth !== undefined) words.push('confirmed with the master password');
  return words.join(', ');
}

export interface InstancesDeps {
  store: InstanceStore;
  connect: Connect;
  /** Absent where certificates cannot be read; tests then show none. */
  probe?: Probe | undefined;
  verifyPassword: (password: string) => Promise<void>;
  clock: Clock;
  audit: AuditLog;
  events: EventSink;
  /** Drops what else the vault holds for a removed instance (its remembered keys and public flows). */
  onRemoved: (id: string) => Promise<void>;
  /** Throws when the instance may not go yet (a rotation on it is unfinished). */
  beforeRemove: (id: string) => void;
}

export function createInstancesMethods(deps: InstancesDeps): ApiImpl['instances'] {
  const { audit, events, onRemoved, beforeRemove } = deps;
  const inner = createInstanceProfiles(deps.store, deps.connect, deps.clock, {
    probe: deps.probe,
    verifyPassword: deps.verifyPassword,
  });
  const changed = async (): Promise<void> => {
    events.emit('instances.changed', await inner.list());
  };
  const subject = (id: string, name: string) => ({ kind: 'instance' as const, id, name });
  const nameOf = async (id: string): Promise<string> =>
    (await inner.list()).instances.find((i) => i.id === id)?.name ?? id;

  /** Runs a connection test and records it, passed or failed; a refused test is recorded too. */
  async function tested(
    who: { id?: string; name: string },
    where: string,
    run: () => ConnectionReport | Promise<ConnectionReport>,
  ): Promise<ConnectionReport> {
    const entry = {
      action: 'instance.test' as const,
      ...(who.id === undefined ? {} : { instanceId: who.id, subject: subject(who.id, who.name) }),
      instanceName: who.name,
    };
    let report: ConnectionReport;
    try {
      report = await run();
    } catch (error) {
      await audit.append({
        ...entry,
        outcome: 'failed',
        detail: `${where}; refused: ${refusal(error)}`,
      });
      throw error;
    }
    const found = report.ok
      ? `Flowise ${report.version ?? 'unknown'}`
      : `failed: ${report.error === undefined ? 'unknown' : refusal(AppError.fromWire(report.error))}`;
    await audit.append({
      ...entry,
      outcome: report.ok ? 'ok' : 'failed',
      detail: `${where}; ${found}`,
    });
    return report;
  }
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
    async update(id, patch, reauth) {
      const name = await nameOf(id);
      try {
        const updated = await inner.update(id, patch, reauth);
        await audit.append({
          action: 'instance.update',
          outcome: 'ok',
          instanceId: id,
          instanceName: updated.name,
          subject: subject(id, updated.name),
          detail: editWords(patch, reauth),
        });
        await changed();
        return updated;
      } catch (error) {
        await audit.append({
          action: 'instance.update',
          outcome: 'failed',
          instanceId: id,
          instanceName: name,
          subject: subject(id, name),
          detail: `${editWords(patch, reauth)}; refused: ${refusal(error)}`,
        });
        throw error;
      }
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
    async test(id) {
      const name = await nameOf(id);
      const saved = (await inner.list()).instances.find((i) => i.id === id)?.baseUrl ?? '';
      return tested({ id, name }, `saved profile at ${originOf(saved)}`, () => inner.test(id));
    },
    async testEdit(id, patch, reauth) {
      const name = await nameOf(id);
      const saved = (await inner.list()).instances.find((i) => i.id === id)?.baseUrl ?? '';
      const where = `edit (${editWords(patch, reauth)}) at ${originOf(patch.baseUrl ?? saved)}`;
      return tested({ id, name }, where, () => inner.testEdit(id, patch, reauth));
    },
    async testDraft(draft) {
      const where = `new instance at ${originOf(draft.baseUrl)}`;
      return tested({ name: draft.name }, where, () => inner.testDraft(draft));
    },
    async pinCertificate(id, args) {
      const name = await nameOf(id);
      const before = (await inner.list()).instances.find((i) => i.id === id)?.certificatePin;
      const was = `was ${before?.sha256 ?? 'none'}`;
      try {
        const pinned = await inner.pinCertificate(id, args);
        await audit.append({
          action: 'instance.pin',
          outcome: 'ok',
          instanceId: id,
          instanceName: name,
          subject: subject(id, name),
          detail: `pinned ${pinned.certificatePin?.sha256 ?? args.sha256} (${was})`,
        });
        await changed();
        return pinned;
      } catch (error) {
        await audit.append({
          action: 'instance.pin',
          outcome: 'failed',
          instanceId: id,
          instanceName: name,
          subject: subject(id, name),
          detail: `asked to pin ${args.sha256} (${was}); refused: ${refusal(error)}`,
        });
        throw error;
      }
    },
  };
}
