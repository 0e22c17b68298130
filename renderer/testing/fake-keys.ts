// The keys.*, chatflows.*, audit.* and clipboard.* parts of the fake Api: keys held the way main
// holds them (values stay in here, summaries go out masked), one-time reveal tickets, copies that
// announce a countdown, and an audit trail of what was done. Arguments are checked with the
// contract's own schemas.
import { AppError } from '../../common/errors.js';
import type { Api, AppEventName, AppEventPayload } from '../../common/ipc/contract.js';
import type { AuditEntry, AuditRecord } from '../../common/ipc/schemas/audit.js';
import { AuditQuery } from '../../common/ipc/schemas/audit.js';
import type { Chatflow, KeySummary, PermissionCatalog } from '../../common/ipc/schemas/keys.js';
import {
  BindArgs,
  CopyKeyArgs,
  CreateKeyArgs,
  DeleteKeyArgs,
  InstanceArg,
  RevealArgs,
  SnippetArgs,
  UpdateKeyArgs,
} from '../../common/ipc/schemas/keys.js';
import type { FakeCall } from './fake-instances.js';
import { fakeFingerprint, fakeMaskKey, parseArgs } from './fake-instances.js';

export const FAKE_PERMISSION_GROUPS = [
  {
    category: 'chatflows',
    permissions: [
      { key: 'chatflows:view', label: 'View' },
      { key: 'chatflows:create', label: 'Create' },
    ],
  },
  {
    category: 'apikeys',
    permissions: [
      { key: 'apikeys:view', label: 'View' },
      { key: 'apikeys:create', label: 'Create' },
    ],
  },
];

interface FakeKey {
  summary: KeySummary;
  value: string;
}

export interface FakeKeysInit {
  emit: <E extends AppEventName>(event: E, payload: AppEventPayload<E>) => void;
  now: () => number;
  clipboardSeconds: () => number;
  instanceName: (id: string) => string;
}

export interface FakeKeys {
  readonly keys: Api['keys'];
  readonly chatflows: Api['chatflows'];
  readonly audit: Api['audit'];
  readonly clipboard: Api['clipboard'];
  /** Adds a key at once, as if it already existed on the server. */
  seedKey(instanceId: string, keyName: string, value: string, permissions?: string[]): KeySummary;
  seedChatflow(instanceId: string, name: string, keyId?: string): Chatflow;
  /** What main last put on the clipboard, or null once it was cleared. */
  clipboardText(): string | null;
  /** The password copies ask for once the re-auth window has passed; undefined when they don't. */
  setCopyPassword(password: string | undefined): void;
  /** What keys.permissions answers from now on. */
  setCatalog(catalog: PermissionCatalog): void;
  /** Another application puts text on the clipboard; a later clear then leaves it alone. */
  replaceClipboard(text: string): void;
  /** Main's timer ran out: clears the clipboard if it still holds our value, and says so. */
  expireClipboard(): void;
}

export function createFakeKeys(call: FakeCall, init: FakeKeysInit): FakeKeys {
  const keys = new Map<string, FakeKey[]>();
  const flows = new Map<string, Chatflow[]>();
  const tickets = new Map<string, string>();
  const records: AuditRecord[] = [];
  let clipboard: { text: string; label: string; ours: boolean } | null = null;
  let catalog: PermissionCatalog | undefined;
  let copyPassword: string | undefined;
  let counter = 0;

  const keysOf = (instanceId: string): FakeKey[] => keys.get(instanceId) ?? [];
  const flowsOf = (instanceId: string): Chatflow[] => flows.get(instanceId) ?? [];
  const find = (instanceId: string, keyId: string): FakeKey => {
    const key = keysOf(instanceId).find((k) => k.summary.id === keyId);
    if (key === undefined) throw new AppError('not_found', 'That key no longer exists on Flowise.');
    return key;
  };
  const withFlows = (key: FakeKey): KeySummary => ({
    ...key.summary,
    boundFlows: flowsOf(key.summary.instanceId)
      .filter((f) => f.keyId === key.summary.id)
      .map((f) => ({ id: f.id, name: f.name, type: f.type })),
  });
  const record = (entry: AuditEntry): void => {
    records.push({
      ...entry,
      seq: records.length,
      at: init.now(),
      osUser: 'tester',
      prevHash: '0'.repeat(64),
      hash: records.length.toString(16).padStart(64, '0'),
    });
  };
  const addKey = (
    instanceId: string,
    keyName: string,
    value: string,
    permissions: string[],
    createdHere: boolean,
  ): FakeKey => {
    const key: FakeKey = {
      value,
      summary: {
        id: `key-${++counter}`,
        instanceId,
        keyName,
        masked: fakeMaskKey(value),
        fingerprint: fakeFingerprint(value),
        permissions,
        boundFlows: [],
        firstSeenAt: init.now(),
        createdHere,
        copyable: true,
      },
    };
    keys.set(instanceId, [...keysOf(instanceId), key]);
    return key;
  };
  const toClipboard = (text: string, label: string): { clearsAt: number } => {
    clipboard = { text, label, ours: true };
    const clearsAt = init.now() + init.clipboardSeconds() * 1000;
    init.emit('clipboard.copied', { label, clearsAt });
    return { clearsAt };
  };
  const checkPassword = (given: string | undefined): void => {
    if (copyPassword !== undefined && given !== copyPassword)
      throw new AppError(
        'reauth_required',
        'The vault was unlocked more than 15 minutes ago. Enter the master password to copy a key.',
      );
  };

  const keysApi: Api['keys'] = {
    list: (arg) =>
      call('keys.list', () => {
        const { instanceId } = parseArgs(InstanceArg, arg, 'keys.list');
        return {
          instanceId,
          keys: keysOf(instanceId).map(withFlows),
          chatflows: flowsOf(instanceId).map((flow) => ({ ...flow })),
          fetchedAt: init.now(),
        };
      }),
    listAll: () =>
      call('keys.listAll', () => ({
        instances: [...keys.keys()].map((instanceId) => ({
          instanceId,
          instanceName: init.instanceName(instanceId),
          keys: keysOf(instanceId).map(withFlows),
        })),
      })),
    permissions: (arg) =>
      call('keys.permissions', () => {
        parseArgs(InstanceArg, arg, 'keys.permissions');
        if (catalog !== undefined) return catalog;
        const adminHeld = FAKE_PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p) => p.key));
        return { groups: FAKE_PERMISSION_GROUPS, adminHeld, supported: true, keyAccess: 'per-key' };
      }),
    create: (arg) =>
      call('keys.create', () => {
        const args = parseArgs(CreateKeyArgs, arg, 'keys.create');
        const key = addKey(
          args.instanceId,
          args.keyName,
          `fake-${counter}-${'v'.repeat(30)}`,
          args.permissions,
          true,
        );
        const ticket = `ticket-${counter}-0123456789abcdef`;
        tickets.set(ticket, key.value);
        record({
          action: 'key.create',
          outcome: 'ok',
          instanceId: args.instanceId,
          subject: { kind: 'key', name: args.keyName },
        });
        return { key: withFlows(key), ticket };
      }),
    reveal: (arg) =>
      call('keys.reveal', () => {
        const { ticket } = parseArgs(RevealArgs, arg, 'keys.reveal');
        const value = tickets.get(ticket);
        if (value === undefined)
          throw new AppError(
            'not_found',
            'This key was already shown once, or the chance to see it has passed. Copy it from the key list instead.',
          );
        tickets.delete(ticket);
        return { value };
      }),
    copy: (arg) =>
      call('keys.copy', () => {
        const args = parseArgs(CopyKeyArgs, arg, 'keys.copy');
        checkPassword(args.password);
        const key = find(args.instanceId, args.keyId);
        record({
          action: 'key.copy',
          outcome: 'ok',
          instanceId: args.instanceId,
          subject: { kind: 'key', name: key.summary.keyName },
        });
        return toClipboard(key.value, `API key ${key.summary.keyName}`);
      }),
    update: (arg) =>
      call('keys.update', () => {
        const args = parseArgs(UpdateKeyArgs, arg, 'keys.update');
        const key = find(args.instanceId, args.keyId);
        key.summary = {
          ...key.summary,
          ...(args.keyName === undefined ? {} : { keyName: args.keyName }),
          ...(args.permissions === undefined ? {} : { permissions: args.permissions }),
          updatedAt: init.now(),
        };
        return withFlows(key);
      }),
    delete: (arg) =>
      call('keys.delete', () => {
        const args = parseArgs(DeleteKeyArgs, arg, 'keys.delete');
        const key = find(args.instanceId, args.keyId);
        const bound = withFlows(key).boundFlows;
        if (bound.length > 0 && args.confirmName !== key.summary.keyName)
          throw new AppError(
            'precondition_failed',
            `${String(bound.length)} flow(s) use "${key.summary.keyName}" and will answer 401 until rebound. Type the key's name to delete it anyway.`,
            { boundFlows: bound.length },
          );
        keys.set(
          args.instanceId,
          keysOf(args.instanceId).filter((k) => k !== key),
        );
        for (const flow of flowsOf(args.instanceId))
          if (flow.keyId === key.summary.id) delete flow.keyId;
      }),
  };

  const chatflowsApi: Api['chatflows'] = {
    list: (arg) =>
      call('chatflows.list', () =>
        flowsOf(parseArgs(InstanceArg, arg, 'chatflows.list').instanceId),
      ),
    bind: (arg) =>
      call('chatflows.bind', () => {
        const args = parseArgs(BindArgs, arg, 'chatflows.bind');
        const flow = flowsOf(args.instanceId).find((f) => f.id === args.chatflowId);
        if (flow === undefined) throw new AppError('not_found', 'That chatflow no longer exists.');
        if (args.keyId === null) {
          delete flow.keyId;
          delete flow.keyName;
        } else {
          flow.keyId = args.keyId;
          flow.keyName = find(args.instanceId, args.keyId).summary.keyName;
        }
        return { ...flow };
      }),
    snippet: (arg) =>
      call('chatflows.snippet', () => {
        const args = parseArgs(SnippetArgs, arg, 'chatflows.snippet');
        const flow = flowsOf(args.instanceId).find((f) => f.id === args.chatflowId);
        const hasKey = flow?.keyId !== undefined;
        const auth = hasKey ? ' -H "Authorization: Bearer <your API key>"' : '';
        return {
          code: `curl http://127.0.0.1/api/v1/prediction/${args.chatflowId}${auth}`,
          hasKey,
        };
      }),
    copySnippet: (arg) =>
      call('chatflows.copySnippet', () => {
        const { password, ...rest } = arg;
        const args = parseArgs(SnippetArgs, rest, 'chatflows.copySnippet');
        checkPassword(password);
        const flow = flowsOf(args.instanceId).find((f) => f.id === args.chatflowId);
        const value = flow?.keyId === undefined ? '' : find(args.instanceId, flow.keyId).value;
        return toClipboard(
          `curl -H "Authorization: Bearer ${value}"`,
          `Snippet for ${flow?.name ?? ''}`,
        );
      }),
  };

  const auditApi: Api['audit'] = {
    list: (arg) =>
      call('audit.list', () => {
        const query = parseArgs(AuditQuery, arg, 'audit.list');
        const hits = records.filter(
          (r) =>
            (query.action === undefined || r.action === query.action) &&
            (query.instanceId === undefined || r.instanceId === query.instanceId) &&
            (query.text === undefined || JSON.stringify(r).includes(query.text)),
        );
        return { records: hits.slice(-query.limit).reverse(), total: hits.length };
      }),
    verify: () =>
      call('audit.verify', () => ({
        ok: true,
        count: records.length,
        summary: `All ${records.length} records check out.`,
      })),
    export: () =>
      call('audit.export', () => ({
        fileName: 'flowise-key-vault-audit.json',
        json: JSON.stringify(records),
      })),
  };

  const release = (reason: 'manual' | 'timeout'): void => {
    if (clipboard === null) return;
    const { label, ours } = clipboard;
    if (ours) clipboard = null;
    init.emit('clipboard.cleared', { label, reason, cleared: ours });
  };

  const clipboardApi: Api['clipboard'] = {
    clear: () =>
      call('clipboard.clear', () => {
        release('manual');
      }),
  };

  return {
    keys: keysApi,
    chatflows: chatflowsApi,
    audit: auditApi,
    clipboard: clipboardApi,
    seedKey: (instanceId, keyName, value, permissions = ['chatflows:view']) =>
      withFlows(addKey(instanceId, keyName, value, permissions, false)),
    seedChatflow: (instanceId, name, keyId) => {
      const flow: Chatflow = {
        id: `flow-${++counter}`,
        instanceId,
        name,
        type: 'CHATFLOW',
        deployed: true,
        ...(keyId === undefined ? {} : { keyId, keyName: find(instanceId, keyId).summary.keyName }),
      };
      flows.set(instanceId, [...flowsOf(instanceId), flow]);
      return flow;
    },
    clipboardText: () => clipboard?.text ?? null,
    setCopyPassword: (password) => {
      copyPassword = password;
    },
    setCatalog: (next) => {
      catalog = next;
    },
    replaceClipboard: (text) => {
      if (clipboard !== null) clipboard = { ...clipboard, text, ours: false };
    },
    expireClipboard: () => {
      release('timeout');
    },
  };
}
