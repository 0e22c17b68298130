// The active instance's API keys and flows as main last reported them (masked summaries only), the
// permission catalog, and the clipboard countdown. A key's value never enters this state: the
// one-time reveal goes from the Api to the dialog that shows it, and copies go to main's clipboard.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { Api, AppEventPayload } from '../../common/ipc/contract.js';
import type {
  AllKeys,
  BindManyResult,
  Chatflow,
  CreatedKey,
  KeySummary,
  MissingKey,
  PermissionCatalog,
} from '../../common/ipc/schemas/keys.js';
import type { StoreError } from './store-error.js';
import type { Outcome } from './store-kit.js';
import { attempt, errorOf, shownInstance, staleGuard } from './store-kit.js';

export type SnippetLanguage = 'curl' | 'python' | 'javascript';

export type ClipboardNotice =
  | {
      readonly phase: 'counting';
      readonly label: string;
      readonly clearsAt: number;
      readonly receivedAt: number;
    }
  | (AppEventPayload<'clipboard.cleared'> & { readonly phase: 'done' });

export interface KeysStoreState {
  /** The instance whose keys and flows are shown; null when there is none. */
  readonly instanceId: string | null;
  /** null until loaded, while switching instance, and once the vault locks. */
  readonly keys: readonly KeySummary[] | null;
  readonly chatflows: readonly Chatflow[] | null;
  /** Keys seen before that the server no longer lists; null with `keys`. */
  readonly missing: readonly MissingKey[] | null;
  /** Why the keys and flows could not be loaded: one call brings both (from the same two Flowise
   * requests), so they fail together. */
  readonly listError: StoreError | null;
  /** The permission picker's catalog, for `instanceId`. */
  readonly catalog: PermissionCatalog | null;
  readonly clipboard: ClipboardNotice | null;
  /** Every instance's keys side by side; null until asked for. */
  readonly all: AllKeys | null;
  readonly allError: StoreError | null;
  /** Subscribes to the vault and clipboard events; returns the unsubscribe. */
  connect: () => () => void;
  /** Shows another instance (or the same again): loads its keys and flows. */
  show: (instanceId: string | null) => Promise<void>;
  refresh: () => Promise<void>;
  loadAll: () => Promise<void>;
  loadCatalog: () => Promise<Outcome<PermissionCatalog>>;
  /** The ticket goes back to the caller, to be redeemed once; it is not kept here. */
  create: (keyName: string, permissions: string[]) => Promise<Outcome<CreatedKey>>;
  update: (
    keyId: string,
    change: { keyName?: string; permissions?: string[] },
  ) => Promise<Outcome<KeySummary>>;
  remove: (keyId: string, confirmName?: string) => Promise<Outcome<void>>;
  /** Puts a missing key back with the value the vault holds. */
  reimport: (keyId: string) => Promise<Outcome<KeySummary>>;
  /** Stops reporting a missing key. */
  forgetMissing: (keyId: string) => Promise<Outcome<void>>;
  copy: (keyId: string, password?: string) => Promise<Outcome<{ clearsAt: number }>>;
  bind: (chatflowId: string, keyId: string | null) => Promise<Outcome<Chatflow>>;
  /** Each flow's own result, in the order asked; the list is loaded again either way. */
  bindMany: (chatflowIds: string[], keyId: string) => Promise<Outcome<BindManyResult>>;
  snippet: (
    chatflowId: string,
    language: SnippetLanguage,
  ) => Promise<Outcome<{ code: string; hasKey: boolean }>>;
  copySnippet: (
    chatflowId: string,
    language: SnippetLanguage,
    password?: string,
  ) => Promise<Outcome<{ clearsAt: number }>>;
  /** Resolves to null once main was asked, or to what went wrong. */
  clearClipboard: () => Promise<StoreError | null>;
  dismissClipboard: () => void;
}

export type KeysStore = StoreApi<KeysStoreState>;

const EMPTY = {
  instanceId: null,
  keys: null,
  chatflows: null,
  missing: null,
  listError: null,
  catalog: null,
  all: null,
  allError: null,
} as const;

export function createKeysStore(api: Api, now: () => number = Date.now): KeysStore {
  // Bumped on every lock and instance switch: answers to older calls belong to another view.
  const guard = staleGuard();

  return createStore<KeysStoreState>()((set, get) => {
    const shown = shownInstance(guard, get, (instanceId) => {
      set({ ...EMPTY, instanceId });
    });

    return {
      ...EMPTY,
      clipboard: null,

      connect: () => {
        const off = [
          api.on('vault.locked', () => {
            guard.bump();
            set({ ...EMPTY, clipboard: null });
          }),
          api.on('clipboard.copied', ({ label, clearsAt }) => {
            set({ clipboard: { phase: 'counting', label, clearsAt, receivedAt: now() } });
          }),
          api.on('clipboard.cleared', (payload) => {
            set({ clipboard: { ...payload, phase: 'done' } });
          }),
        ];
        return () => {
          for (const unsubscribe of off) unsubscribe();
        };
      },

      show: shown.show,

      refresh: () =>
        shown.load(
          (instanceId) => api.keys.list({ instanceId }),
          (outcome) => {
            set(
              outcome.ok
                ? {
                    keys: outcome.value.keys,
                    chatflows: outcome.value.chatflows,
                    missing: outcome.value.missing ?? [],
                    listError: null,
                  }
                : { listError: outcome.error },
            );
          },
        ),

      loadAll: async () => {
        await guard.attempt(
          () => api.keys.listAll(),
          (outcome) => {
            set(outcome.ok ? { all: outcome.value, allError: null } : { allError: outcome.error });
          },
        );
      },

      loadCatalog: async () => {
        const current = guard.start();
        const outcome = await shown.attempt((instanceId) => api.keys.permissions({ instanceId }));
        if (outcome.ok && current()) set({ catalog: outcome.value });
        return outcome;
      },

      create: (keyName, permissions) =>
        shown.change((instanceId) => api.keys.create({ instanceId, keyName, permissions })),

      update: (keyId, { keyName, permissions }) =>
        shown.change((instanceId) =>
          api.keys.update({
            instanceId,
            keyId,
            ...(keyName === undefined ? {} : { keyName }),
            ...(permissions === undefined ? {} : { permissions }),
          }),
        ),

      remove: (keyId, confirmName) =>
        shown.change((instanceId) =>
          api.keys.delete({
            instanceId,
            keyId,
            ...(confirmName === undefined ? {} : { confirmName }),
          }),
        ),

      reimport: (keyId) => shown.change((instanceId) => api.keys.reimport({ instanceId, keyId })),

      forgetMissing: (keyId) =>
        shown.change((instanceId) => api.keys.forgetMissing({ instanceId, keyId })),

      copy: (keyId, password) =>
        shown.attempt((instanceId) =>
          api.keys.copy({ instanceId, keyId, ...(password === undefined ? {} : { password }) }),
        ),

      bind: (chatflowId, keyId) =>
        shown.change((instanceId) => api.chatflows.bind({ instanceId, chatflowId, keyId })),

      bindMany: (chatflowIds, keyId) =>
        shown.change((instanceId) => api.chatflows.bindMany({ instanceId, chatflowIds, keyId })),

      snippet: (chatflowId, language) =>
        shown.attempt((instanceId) => api.chatflows.snippet({ instanceId, chatflowId, language })),

      copySnippet: (chatflowId, language, password) =>
        shown.attempt((instanceId) =>
          api.chatflows.copySnippet({
            instanceId,
            chatflowId,
            language,
            ...(password === undefined ? {} : { password }),
          }),
        ),

      clearClipboard: async () => errorOf(await attempt(() => api.clipboard.clear())),

      dismissClipboard: () => {
        set({ clipboard: null });
      },
    };
  });
}
