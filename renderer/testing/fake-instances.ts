// The instances.* half of the fake Api: profiles held the way main holds them (the admin key stays
// in here, summaries go out masked), arguments checked with the contract's own schemas, and a
// connection test whose outcome the test scripts.
import type { z } from 'zod';

import type { WireError } from '../../common/errors.js';
import { AppError } from '../../common/errors.js';
import type { Api } from '../../common/ipc/contract.js';
import type {
  ConnectionReport,
  InstanceList,
  InstanceSummary,
} from '../../common/ipc/schemas/instances.js';
import type { Platform } from '../../common/ipc/schemas/instances.js';
import { InstanceDraft, InstanceId, InstancePatch } from '../../common/ipc/schemas/instances.js';

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
  | { ok: false; error: WireError };

type Profile = z.output<typeof InstanceDraft>;
interface FakeRecord extends Omit<Profile, 'caCertPem'> {
  id: string;
  caCertPem?: string;
  lastCheck?: ConnectionReport;
}

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
  seed(draft: InstanceDraft, lastCheck?: FakeConnection): InstanceSummary;
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
  const { id, name, baseUrl, colour, timeoutMs, allowSelfSigned, allowInsecureHttp } = record;
  return {
    id,
    name,
    baseUrl,
    colour,
    timeoutMs,
    allowSelfSigned,
    allowInsecureHttp,
    hasCustomCa: record.caCertPem !== undefined,
    adminKeyMasked: fakeMaskKey(record.adminKey),
    adminKeyFingerprint: fakeFingerprint(record.adminKey),
    ...(record.lastCheck === undefined ? {} : { lastCheck: record.lastCheck }),
  };
}

export function createFakeInstances(
  call: FakeCall,
  requireUnlocked: () => void,
  now: () => number = Date.now,
): FakeInstances {
  let records: FakeRecord[] = [];
  let activeId: string | undefined;
  let nextId = 1;
  let connection: FakeConnection | ((draft: Profile) => FakeConnection) = { ok: true };

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
  const insert = ({ caCertPem, ...rest }: Profile, lastCheck?: ConnectionReport) => {
    const id = `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
    const record: FakeRecord = {
      ...rest,
      ...(caCertPem === undefined ? {} : { caCertPem }),
      ...(lastCheck === undefined ? {} : { lastCheck }),
      id,
    };
    records = [...records, record];
    activeId ??= id;
    return summarize(record);
  };

  const api: Api['instances'] = {
    list: () => run('list', snapshot),
    add: (draft) => run('add', () => insert(parseArgs(InstanceDraft, draft, 'instances.add'))),
    update: (id, patch) =>
      run('update', () => {
        const current = find(parseArgs(InstanceId, id, 'instances.update'));
        const { caCertPem, ...rest } = parseArgs(InstancePatch, patch, 'instances.update');
        const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
        const next: FakeRecord = { ...current, ...defined };
        if (caCertPem === null) delete next.caCertPem;
        else if (caCertPem !== undefined) next.caCertPem = caCertPem;
        if (next.baseUrl !== current.baseUrl || next.adminKey !== current.adminKey)
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
        const lastCheck = tryConnection(find(id));
        records = records.map((record) => (record.id === id ? { ...record, lastCheck } : record));
        return lastCheck;
      }),
    testDraft: (draft) =>
      run('testDraft', () => tryConnection(parseArgs(InstanceDraft, draft, 'instances.testDraft'))),
    testEdit: (id, patch) =>
      run('testEdit', () => {
        const { caCertPem, ...rest } = parseArgs(InstancePatch, patch, 'instances.testEdit');
        const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
        const next: FakeRecord = { ...find(id), ...defined };
        if (caCertPem === null) delete next.caCertPem;
        else if (caCertPem !== undefined) next.caCertPem = caCertPem;
        return tryConnection(next);
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
      insert(
        InstanceDraft.parse(draft),
        lastCheck === undefined ? undefined : report(lastCheck, now()),
      ),
  };
}
