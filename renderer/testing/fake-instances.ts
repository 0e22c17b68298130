// The instances.* half of the fake Api: profiles held the way main holds them (the admin key stays
// in here, summaries go out masked), arguments checked with the contract's own schemas, and a
// connection test whose outcome the test scripts.
import type { z } from 'zod';

import type { WireError } from '../../common/errors.js';
import { AppError } from '../../common/errors.js';
import type { Api } from '../../common/ipc/contract.js';
import type {
  CertificateInfo,
  CertificatePin,
  ConnectionReport,
  InstanceList,
  InstanceSummary,
} from '../../common/ipc/schemas/instances.js';
import type { Platform } from '../../common/ipc/schemas/instances.js';
import {
  InstanceDraft,
  InstanceId,
  InstancePatch,
  InstanceReauth,
  PinCertificateArgs,
} from '../../common/ipc/schemas/instances.js';

/** What the next connection tests find: a working server, or a failure as main reports it. */
export type FakeConnection =
  | {
      ok: true;
      version?: string;
      platform?: z.infer<typeof Platform>;
      keyName?: string;
      permissions?: string[];
      /** The key sentence after "Flowise 3.1.4, open source. " */
      keySentence?: string;
    }
  | { ok: false; error: WireError; certificate?: ConnectionReport['certificate'] };

type Profile = z.output<typeof InstanceDraft>;
interface FakeRecord extends Omit<Profile, 'caCertPem' | 'certificatePin'> {
  id: string;
  caCertPem?: string;
  certificatePin?: CertificatePin | CertificateInfo;
  certificateUnconfirmed?: boolean;
  lastCheck?: ConnectionReport;
}

/** A saved profile from before pinning, which accepted any certificate. */
export type FakeSeed = InstanceDraft & { certificateUnconfirmed?: boolean };

export type FakeCall = <T>(method: string, body: () => T) => Promise<T>;

export interface FakeInstances {
  readonly api: Api['instances'];
  /** The admin key main would hold for an instance: tests check it arrived, and nowhere else. */
  adminKeyOf(id: string): string | undefined;
  /** The outcome of every later test; a function sees the address and key being tried. */
  setConnection(outcome: FakeConnection | ((draft: Profile) => FakeConnection)): void;
  /** The list as main would send it in instances.changed. */
  snapshot(): InstanceList;
  /** Adds an instance at once, as if saved in an earlier session. */
  seed(draft: FakeSeed, lastCheck?: FakeConnection): InstanceSummary;
  /** The certificate pinCertificate finds at a saved address. */
  setPresented(certificate: CertificateInfo): void;
}

export const FAKE_REPORT_SENTENCE =
  'This key can view, create, update and delete API keys and view credentials.';

export function fakeMaskKey(key: string): string {
  return key.length <= 4 ? '••••' : `••••${key.slice(-4)}`;
}

/** Two FNV-1a passes: stable and short, standing in for main's SHA-256 prefix. */
export function fakeFingerprint(key: string): string {
  const pass = (seed: number): string => {
    let hash = seed;
    for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
    return hash.toString(16).padStart(8, '0');
  };
  return pass(2166136261) + pass(0x811c9dc4);
}

export function parseArgs<S extends z.ZodType>(
  schema: S,
  value: unknown,
  channel: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.code}`)
    .join('; ');
  throw new AppError('bad_request', `Invalid arguments for ${channel}: ${detail}`);
}

function report(outcome: FakeConnection, now: number): ConnectionReport {
  if (!outcome.ok)
    return {
      ok: false,
      checkedAt: now,
      permissions: [],
      summary: outcome.error.message,
      error: outcome.error,
      ...(outcome.certificate === undefined ? {} : { certificate: outcome.certificate }),
    };
  const version = outcome.version ?? '3.1.4';
  const platform = outcome.platform ?? 'open source';
  const sentence = outcome.keySentence ?? FAKE_REPORT_SENTENCE;
  return {
    ok: true,
    checkedAt: now,
    version,
    platform,
    generation: '3.0.13+',
    ...(outcome.keyName === undefined ? {} : { keyName: outcome.keyName }),
    permissions: outcome.permissions ?? ['apikeys:view', 'apikeys:create'],
    summary: `Flowise ${version}, ${platform === 'unknown' ? 'platform unknown' : platform}. ${sentence}`,
  };
}

function summarize(record: FakeRecord): InstanceSummary {
  const { id, name, baseUrl, colour, timeoutMs, allowInsecureHttp, certificatePin } = record;
  return {
    id,
    name,
    baseUrl,
    colour,
    timeoutMs,
    ...(certificatePin === undefined ? {} : { certificatePin: { pinnedAt: 0, ...certificatePin } }),
    certificateUnconfirmed: record.certificateUnconfirmed === true && certificatePin === undefined,
    allowInsecureHttp,
    hasCustomCa: record.caCertPem !== undefined,
    adminKeyMasked: fakeMaskKey(record.adminKey),
    adminKeyFingerprint: fakeFingerprint(record.adminKey),
    ...(record.lastCheck === undefined ? {} : { lastCheck: record.lastCheck }),
  };
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** Main's rule: a new address or trust needs the key typed again or the master password. */
function trustChanged(current: FakeRecord, next: FakeRecord): string[] {
  const changed: string[] = [];
  if (originOf(current.baseUrl) !== originOf(next.baseUrl)) changed.push('address');
  if (current.caCertPem !== next.caCertPem) changed.push('custom CA certificate');
  if (current.certificatePin?.sha256 !== next.certificatePin?.sha256)
    changed.push('pinned certificate');
  if (current.allowInsecureHttp !== next.allowInsecureHttp) changed.push('plain HTTP setting');
  return changed;
}

export function createFakeInstances(
  call: FakeCall,
  requireUnlocked: () => void,
  now: () => number = Date.now,
  /** Throws as main does when the master password is wrong. */
  verifyPassword: (password: string) => void = () => undefined,
): FakeInstances {
  let records: FakeRecord[] = [];
  let activeId: string | undefined;
  let nextId = 1;
  let connection: FakeConnection | ((draft: Profile) => FakeConnection) = { ok: true };
  let presented: CertificateInfo | undefined;

  const snapshot = (): InstanceList => ({
    instances: records.map(summarize),
    ...(activeId === undefined ? {} : { activeId }),
  });
  const find = (id: string): FakeRecord => {
    const found = records.find((record) => record.id === id);
    if (found === undefined) throw new AppError('not_found', 'That instance no longer exists.');
    return found;
  };
  const run = <T>(method: string, body: () => T): Promise<T> =>
    call(`instances.${method}`, () => {
      requireUnlocked();
      return body();
    });
  const tryConnection = (profile: Profile): ConnectionReport =>
    report(typeof connection === 'function' ? connection(profile) : connection, now());
  const insert = (draft: FakeSeed, lastCheck?: ConnectionReport) => {
    const id = `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
    const { certificateUnconfirmed, ...fields } = draft;
    const { caCertPem, certificatePin, ...rest } = InstanceDraft.parse(fields);
    const record: FakeRecord = {
      ...rest,
      ...(certificateUnconfirmed === true ? { certificateUnconfirmed: true } : {}),
      ...(caCertPem === undefined ? {} : { caCertPem }),
      ...(certificatePin === undefined ? {} : { certificatePin }),
      ...(lastCheck === undefined ? {} : { lastCheck }),
      id,
    };
    records = [...records, record];
    activeId ??= id;
    return summarize(record);
  };
  /** The saved record with an edit applied, once a change of trust was confirmed as main wants. */
  const edited = (method: string, id: string, patch: unknown, reauth: unknown): FakeRecord => {
    const channel = `instances.${method}`;
    const current = find(parseArgs(InstanceId, id, channel));
    const parsed = parseArgs(InstancePatch, patch, channel);
    const confirm = parseArgs(InstanceReauth.optional(), reauth, channel);
    const { caCertPem, certificatePin, ...rest } = parsed;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const next: FakeRecord = { ...current, ...defined };
    if (caCertPem === null) delete next.caCertPem;
    else if (caCertPem !== undefined) next.caCertPem = caCertPem;
    if (certificatePin !== undefined) delete next.certificateUnconfirmed;
    if (certificatePin === null) delete next.certificatePin;
    else if (certificatePin !== undefined) next.certificatePin = certificatePin;
    const changed = trustChanged(current, next);
    if (changed.length > 0 && parsed.adminKey === undefined) {
      if (confirm === undefined)
        throw new AppError(
          'reauth_required',
          `The ${changed.join(' and ')} changed, so the saved admin key is not sent until you confirm: type the admin API key again, or enter the master password.`,
        );
      verifyPassword(confirm.password);
    }
    return next;
  };
  const unconfirmed = (record: FakeRecord): ConnectionReport | undefined =>
    record.certificateUnconfirmed === true && record.certificatePin === undefined
      ? report(
          {
            ok: false,
            error: {
              code: 'tls',
              message: `${new URL(record.baseUrl).host} was saved to accept any certificate, which is no longer allowed. Confirm this server's certificate.`,
              details: { reason: 'CERT_UNCONFIRMED' },
            },
            ...(presented === undefined
              ? {}
              : { certificate: { problem: 'unconfirmed' as const, presented } }),
          },
          now(),
        )
      : undefined;
  const testRecord = (record: FakeRecord): ConnectionReport =>
    unconfirmed(record) ?? tryConnection(record);

  const api: Api['instances'] = {
    list: () => run('list', snapshot),
    add: (draft) => run('add', () => insert(parseArgs(InstanceDraft, draft, 'instances.add'))),
    update: (id, patch, reauth) =>
      run('update', () => {
        const current = find(id);
        const next = edited('update', id, patch, reauth);
        if (next.adminKey !== current.adminKey || trustChanged(current, next).length > 0)
          delete next.lastCheck;
        records = records.map((record) => (record.id === id ? next : record));
        return summarize(next);
      }),
    remove: (id) =>
      run('remove', () => {
        find(id);
        records = records.filter((record) => record.id !== id);
        if (activeId === id) activeId = records[0]?.id;
      }),
    reorder: (ids) =>
      run('reorder', () => {
        const byId = new Map(records.map((record) => [record.id, record]));
        if (ids.length !== byId.size || ids.some((id) => !byId.has(id)))
          throw new AppError('conflict', 'The instance list changed meanwhile. Try again.');
        records = ids.flatMap((id) => byId.get(id) ?? []);
        return snapshot();
      }),
    setActive: (id) =>
      run('setActive', () => {
        activeId = find(id).id;
      }),
    test: (id) =>
      run('test', () => {
        const lastCheck = testRecord(find(id));
        records = records.map((record) => (record.id === id ? { ...record, lastCheck } : record));
        return lastCheck;
      }),
    testDraft: (draft) =>
      run('testDraft', () => tryConnection(parseArgs(InstanceDraft, draft, 'instances.testDraft'))),
    testEdit: (id, patch, reauth) =>
      run('testEdit', () => testRecord(edited('testEdit', id, patch, reauth))),
    pinCertificate: (id, args) =>
      run('pinCertificate', () => {
        const { sha256, password } = parseArgs(
          PinCertificateArgs,
          args,
          'instances.pinCertificate',
        );
        verifyPassword(password);
        const current = find(id);
        if (presented === undefined || presented.sha256 !== sha256)
          throw new AppError(
            'conflict',
            `The server now presents the certificate ${presented?.sha256 ?? 'none'}, not ${sha256} you confirmed. Nothing was pinned.`,
          );
        const next: FakeRecord = { ...current, certificatePin: { ...presented, pinnedAt: now() } };
        delete next.certificateUnconfirmed;
        delete next.lastCheck;
        records = records.map((record) => (record.id === id ? next : record));
        return summarize(next);
      }),
  };

  return {
    api,
    adminKeyOf: (id) => records.find((record) => record.id === id)?.adminKey,
    setConnection: (outcome) => {
      connection = outcome;
    },
    snapshot,
    seed: (draft, lastCheck) =>
      insert(draft, lastCheck === undefined ? undefined : report(lastCheck, now())),
    setPresented: (certificate) => {
      presented = certificate;
    },
  };
}
