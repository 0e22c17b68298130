// The instance profiles in the vault and their connection tests, unaudited: instances-methods.ts
// serves these with the audit log and the instances.changed event. Summaries never hold the admin key.
import { randomUUID } from 'node:crypto';

import { AppError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type {
  ConnectionReport,
  InstanceList,
  InstancePatch,
  InstanceReauth,
  InstanceSummary,
} from '../../../common/ipc/schemas/instances.js';
import { InstanceDraft } from '../../../common/ipc/schemas/instances.js';
import { fingerprint, maskKey } from '../flowise/mask.js';
import type { Clock } from '../ports.js';
import type { Connect, ConnectionProfile, Probe } from './connection-report.js';
import { testConnection } from './connection-report.js';
import type { InstanceRecord, InstanceStore } from './instance-store.js';
import { rootAddress } from './instance-address.js';
import { confirmTrustChange, trustChanges, unconfirmedError } from './instance-trust.js';

export function summarize(record: InstanceRecord): InstanceSummary {
  return {
    id: record.id,
    name: record.name,
    baseUrl: record.baseUrl,
    colour: record.colour,
    timeoutMs: record.timeoutMs,
    ...(record.certificatePin === undefined ? {} : { certificatePin: record.certificatePin }),
    certificateUnconfirmed: isUnconfirmed(record),
    allowInsecureHttp: record.allowInsecureHttp,
    hasCustomCa: record.caCertPem !== undefined,
    adminKeyMasked: maskKey(record.adminKey),
    adminKeyFingerprint: fingerprint(record.adminKey),
    ...(record.lastCheck === undefined ? {} : { lastCheck: record.lastCheck }),
  };
}

type ProfileSource = Pick<
  InstanceRecord,
  'baseUrl' | 'adminKey' | 'timeoutMs' | 'caCertPem' | 'allowInsecureHttp'
> & {
  certificatePin?: { sha256: string } | undefined;
  certificateUnconfirmed?: boolean | undefined;
};

/** How long a dialog's test stands for the save that follows it. */
const TEST_STANDS_MS = 10 * 60_000;

/** What a connection test depends on, with the key only by fingerprint: the same profile, tested
 * in the dialog, is what a save then records as its last test. */
const testedAs = (source: ProfileSource): string =>
  JSON.stringify([
    rootAddress(source.baseUrl).baseUrl,
    fingerprint(source.adminKey),
    source.caCertPem ?? null,
    source.certificatePin?.sha256 ?? null,
    source.allowInsecureHttp,
    source.timeoutMs,
  ]);

const isUnconfirmed = (record: ProfileSource): boolean =>
  record.certificateUnconfirmed === true && record.certificatePin === undefined;

/** Where requests go and what certificate is trusted there; no key, so it cannot throw. */
function targetOf(record: ProfileSource): Omit<ConnectionProfile, 'apiKey'> {
  const tls = {
    ...(record.caCertPem === undefined ? {} : { ca: record.caCertPem }),
    ...(record.certificatePin === undefined ? {} : { pin: record.certificatePin.sha256 }),
  };
  return {
    baseUrl: record.baseUrl.replace(/\/+$/, ''),
    timeoutMs: record.timeoutMs,
    tls,
    allowInsecureHttp: record.allowInsecureHttp,
  };
}

/** Every client is built from this, so an unconfirmed certificate stops every request. */
export function profileOf(record: ProfileSource): ConnectionProfile {
  if (isUnconfirmed(record)) throw unconfirmedError(record.baseUrl);
  return { ...targetOf(record), apiKey: record.adminKey };
}

function applyPatch(current: InstanceRecord, patch: InstancePatch, now: number): InstanceRecord {
  const { caCertPem, certificatePin, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const next: InstanceRecord = { ...current, ...defined, updatedAt: now };
  if (caCertPem === null) delete next.caCertPem;
  else if (caCertPem !== undefined) next.caCertPem = caCertPem;
  if (certificatePin !== undefined) {
    // A decision about the certificate replaces the old "accept any" one either way.
    delete next.certificateUnconfirmed;
    if (certificatePin === null) delete next.certificatePin;
    else if (certificatePin.sha256 !== current.certificatePin?.sha256)
      next.certificatePin = { ...certificatePin, pinnedAt: now };
  }
  return next;
}

export interface InstanceProfilesDeps {
  /** Absent where certificates cannot be read; tests then show none. */
  probe?: Probe | undefined;
  verifyPassword: (password: string) => Promise<void>;
}

export function createInstanceProfiles(
  store: InstanceStore,
  connect: Connect,
  clock: Clock,
  deps: InstanceProfilesDeps,
): ApiImpl['instances'] {
  const { probe, verifyPassword } = deps;
  // The dialog's last test (testDraft or testEdit), so the save that follows shows its outcome.
  let lastDialogTest: { profile: string; report: ConnectionReport } | undefined;
  const dialogTestOf = (source: ProfileSource): ConnectionReport | undefined => {
    const last = lastDialogTest;
    if (last === undefined || last.profile !== testedAs(source)) return undefined;
    return clock.now() - last.report.checkedAt <= TEST_STANDS_MS ? last.report : undefined;
  };
  const remember = (source: ProfileSource, report: ConnectionReport): ConnectionReport => {
    lastDialogTest = { profile: testedAs(source), report };
    return report;
  };
  const list = (): InstanceList => {
    const { instances, activeId } = store.read();
    return { instances: instances.map(summarize), ...(activeId === undefined ? {} : { activeId }) };
  };
  const replace = async (record: InstanceRecord): Promise<InstanceSummary> => {
    await store.update((section) => ({
      ...section,
      instances: section.instances.map((i) => (i.id === record.id ? record : i)),
    }));
    return summarize(record);
  };
  const runTest = async (source: ProfileSource): Promise<ConnectionReport> => {
    const { baseUrl, note } = rootAddress(source.baseUrl);
    const at = { ...source, baseUrl };
    const report = await testConnection(
      connect,
      () => profileOf(at),
      clock.now(),
      probe,
      targetOf(at),
    );
    return note === undefined ? report : { ...report, addressNote: note };
  };
  /** The saved profile with the edit applied, once any change of trust was confirmed. */
  const confirmedEdit = async (
    id: string,
    patch: InstancePatch,
    reauth: InstanceReauth | undefined,
  ): Promise<{ current: InstanceRecord; next: InstanceRecord }> => {
    const current = store.get(id);
    const next = applyPatch(current, patch, clock.now());
    await confirmTrustChange(trustChanges(current, next), patch, reauth, verifyPassword);
    return { current, next };
  };

  return {
    list,
    async add(draft) {
      const typed = InstanceDraft.parse(draft);
      const parsed = { ...typed, baseUrl: rootAddress(typed.baseUrl).baseUrl };
      const now = clock.now();
      const { caCertPem, certificatePin, ...rest } = parsed;
      const record: InstanceRecord = {
        ...rest,
        ...(caCertPem === undefined ? {} : { caCertPem }),
        ...(certificatePin === undefined
          ? {}
          : { certificatePin: { ...certificatePin, pinnedAt: now } }),
        id: randomUUID(),
        createdAt: now,
        updatedAt: now,
      };
      const tested = dialogTestOf(record);
      if (tested !== undefined) record.lastCheck = tested;
      await store.update((section) => {
        const active = section.instances.find((i) => i.id === section.activeId);
        // A working newcomer takes over from an active instance whose last test failed.
        const takesOver = tested?.ok === true && active?.lastCheck?.ok === false;
        return {
          instances: [...section.instances, record],
          activeId: takesOver ? record.id : (section.activeId ?? record.id),
        };
      });
      return summarize(record);
    },
    async update(id, typed, reauth) {
      const patch =
        typed.baseUrl === undefined
          ? typed
          : { ...typed, baseUrl: rootAddress(typed.baseUrl).baseUrl };
      const { current, next } = await confirmedEdit(id, patch, reauth);
      // A new address, key or trust makes the last test meaningless, unless the dialog tested it.
      if (next.adminKey !== current.adminKey || trustChanges(current, next).length > 0)
        delete next.lastCheck;
      const tested = dialogTestOf(next);
      if (tested !== undefined) next.lastCheck = tested;
      return replace(next);
    },
    async remove(id) {
      store.get(id);
      await store.update((section) => {
        const instances = section.instances.filter((i) => i.id !== id);
        const activeId = section.activeId === id ? instances[0]?.id : section.activeId;
        return { instances, ...(activeId === undefined ? {} : { activeId }) };
      });
    },
    async reorder(ids) {
      await store.update((section) => {
        const byId = new Map(section.instances.map((i) => [i.id, i]));
        if (ids.length !== byId.size || ids.some((id) => !byId.has(id))) {
          throw new AppError('conflict', 'The instance list changed meanwhile. Try again.');
        }
        return { ...section, instances: ids.flatMap((id) => byId.get(id) ?? []) };
      });
      return list();
    },
    async setActive(id) {
      store.get(id);
      await store.update((section) => ({ ...section, activeId: id }));
    },
    async test(id) {
      const report = await runTest(store.get(id));
      await replace({ ...store.get(id), lastCheck: report });
      return report;
    },
    async testEdit(id, patch, reauth) {
      // The edit form as typed, with the saved key and certificate where none was typed.
      const { next } = await confirmedEdit(id, patch, reauth);
      return remember(next, await runTest(next));
    },
    async testDraft(draft) {
      const parsed = InstanceDraft.parse(draft);
      return remember(parsed, await runTest(parsed));
    },
    async pinCertificate(id, { sha256, password }) {
      await verifyPassword(password);
      const record = store.get(id);
      if (probe === undefined)
        throw new AppError('bad_request', 'Certificates cannot be read in this setup.');
      const target = targetOf(record);
      const found = await probe({
        url: target.baseUrl,
        timeoutMs: target.timeoutMs,
        ...(record.caCertPem === undefined ? {} : { ca: record.caCertPem }),
      });
      const presented = found.certificate.sha256;
      if (presented !== sha256)
        throw new AppError(
          'conflict',
          `The server now presents the certificate ${presented}, not ${sha256} you confirmed. ` +
            'Nothing was pinned: test the connection again and check the fingerprint.',
          { presented, confirmed: sha256 },
        );
      const next: InstanceRecord = {
        ...store.get(id),
        certificatePin: { ...found.certificate, pinnedAt: clock.now() },
        updatedAt: clock.now(),
      };
      delete next.certificateUnconfirmed;
      delete next.lastCheck;
      return replace(next);
    },
  };
}
