// The chatflows.* methods: each flow with its key, binding to another key or to none, and API
// snippets whose key reaches only the clipboard.
import type { WireError } from '../../../common/errors.js';
import { AppError, toWireError } from '../../../common/errors.js';
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { ApiKeyRow } from '../flowise/flowise-schemas.js';
import type { KeyCopy } from './key-copy.js';
import { keySubject, summarizeChatflow } from './key-summaries.js';
import type { KeysDeps } from './keys-deps.js';
import type { SnippetLanguage } from './snippets.js';
import { KEY_PLACEHOLDER, predictionSnippet } from './snippets.js';

const LANGUAGE_NAMES: Record<SnippetLanguage, string> = {
  curl: 'curl',
  python: 'Python',
  javascript: 'JavaScript',
};

interface SnippetArgs {
  instanceId: string;
  chatflowId: string;
  language: SnippetLanguage;
}

export function createChatflowsMethods(deps: KeysDeps, copy: KeyCopy): ApiImpl['chatflows'] {
  const { clients } = deps;

  async function flowsWithKeys(instanceId: string) {
    const client = clients.client(instanceId);
    const [flows, keys] = await Promise.all([client.listChatflows(), client.listKeys()]);
    const keyById = new Map(keys.map((k) => [k.id, k]));
    const onPurpose = new Set(deps.publicFlows.forInstance(instanceId).map((f) => f.chatflowId));
    return flows.map((flow) => {
      const key = flow.apikeyid === null ? undefined : keyById.get(flow.apikeyid);
      const summary = summarizeChatflow(instanceId, flow, key);
      // A mark outlives a later bind made in Flowise's own UI; it only counts while the flow is open.
      const marked = flow.apikeyid === null && onPurpose.has(flow.id);
      return { summary: marked ? { ...summary, publicOnPurpose: true as const } : summary, key };
    });
  }

  const flowGone = () => new AppError('not_found', 'That flow is no longer on the server.');

  /** The key a bind asks for, or undefined for "No Authorization". Flowise stores any id it is
   * given, which would lock the flow out; so the key is checked first. */
  async function keyToBind(instanceId: string, keyId: string | null) {
    if (keyId === null) return undefined;
    const key = (await clients.client(instanceId).listKeys()).find((k) => k.id === keyId);
    if (key === undefined)
      throw new AppError('not_found', 'That key is no longer on the server.', { keyId });
    return key;
  }

  /** One flow to `keyId` (already checked as `key`): written, read back, audited. */
  async function bindOne(
    instanceId: string,
    chatflowId: string,
    keyId: string | null,
    key: ApiKeyRow | undefined,
  ): Promise<void> {
    const client = clients.client(instanceId);
    const row = await client.setChatflowKey(chatflowId, keyId);
    const readBack = (await client.getChatflow(chatflowId)).apikeyid;
    if (readBack !== keyId)
      throw new AppError('server_error', `The server did not keep the new key for "${row.name}".`);
    if (keyId !== null) await deps.publicFlows.unmark(instanceId, chatflowId);
    await deps.audit.append({
      action: 'chatflow.bind',
      outcome: 'ok',
      instanceId,
      instanceName: clients.record(instanceId).name,
      subject: { kind: 'chatflow', id: chatflowId, name: row.name },
      detail:
        key === undefined ? 'No Authorization: the flow is public' : `bound to key ${key.keyName}`,
    });
  }

  async function snippetFor(args: SnippetArgs, withKey: boolean) {
    const flow = (await flowsWithKeys(args.instanceId)).find(
      (f) => f.summary.id === args.chatflowId,
    );
    if (flow === undefined)
      throw new AppError('not_found', 'That flow is no longer on the server.', {
        chatflowId: args.chatflowId,
      });
    const { baseUrl } = clients.record(args.instanceId);
    const key = flow.key === undefined ? undefined : withKey ? flow.key.apiKey : KEY_PLACEHOLDER;
    return {
      code: predictionSnippet(args.language, baseUrl, args.chatflowId, key),
      hasKey: flow.key !== undefined,
      flow,
    };
  }

  async function recordPublic(
    instanceId: string,
    flow: { id: string; name: string },
    marked: boolean,
  ): Promise<void> {
    await deps.audit.append({
      action: 'chatflow.public',
      outcome: 'ok',
      instanceId,
      instanceName: clients.record(instanceId).name,
      subject: { kind: 'chatflow', id: flow.id, name: flow.name },
      detail: marked
        ? 'marked public on purpose: it is meant to be called without a key'
        : 'no longer marked public on purpose',
    });
  }

  return {
    async list({ instanceId }) {
      return (await flowsWithKeys(instanceId)).map((f) => f.summary);
    },
    async bind({ instanceId, chatflowId, keyId }) {
      const key = await keyToBind(instanceId, keyId);
      await bindOne(instanceId, chatflowId, keyId, key);
      const summary = (await flowsWithKeys(instanceId)).find((f) => f.summary.id === chatflowId);
      if (summary === undefined) throw flowGone();
      return summary.summary;
    },
    async bindMany({ instanceId, chatflowIds, keyId }) {
      const key = await keyToBind(instanceId, keyId);
      const outcomes: (WireError | null)[] = [];
      // One after another: each is a write, a read-back and an audit record, as a single bind.
      for (const chatflowId of chatflowIds)
        outcomes.push(
          await bindOne(instanceId, chatflowId, keyId, key).then(
            () => null,
            (error: unknown) => toWireError(error),
          ),
        );
      const flows = new Map(
        (await flowsWithKeys(instanceId)).map((f) => [f.summary.id, f.summary]),
      );
      return {
        results: chatflowIds.map((chatflowId, i) => {
          const flow = flows.get(chatflowId);
          const error = outcomes[i] ?? null;
          if (error === null && flow !== undefined) return { chatflowId, ok: true as const, flow };
          return { chatflowId, ok: false as const, error: error ?? toWireError(flowGone()) };
        }),
      };
    },
    async markPublic({ instanceId, chatflowId }) {
      const flow = await clients.client(instanceId).getChatflow(chatflowId);
      if (flow.apikeyid !== null)
        throw new AppError(
          'precondition_failed',
          `"${flow.name}" has a key, so it is not public. Set it to No Authorization first.`,
        );
      await deps.publicFlows.mark({
        instanceId,
        chatflowId,
        name: flow.name,
        markedAt: deps.clock.now(),
      });
      await recordPublic(instanceId, { id: chatflowId, name: flow.name }, true);
    },
    async unmarkPublic({ instanceId, chatflowId }) {
      const marked = deps.publicFlows
        .forInstance(instanceId)
        .find((f) => f.chatflowId === chatflowId);
      if (marked === undefined) return;
      await deps.publicFlows.unmark(instanceId, chatflowId);
      await recordPublic(instanceId, { id: chatflowId, name: marked.name }, false);
    },
    publicOnPurpose({ instanceId }) {
      return deps.publicFlows.forInstance(instanceId);
    },
    async snippet(args) {
      const { code, hasKey } = await snippetFor(args, false);
      return { code, hasKey };
    },
    async copySnippet({ password, ...args }) {
      const started = deps.clipboard.begin();
      await copy.reauth(password);
      const { code, flow } = await snippetFor(args, true);
      const result = await deps.clipboard.copy(
        code,
        `${flow.summary.name} (${args.language})`,
        started,
      );
      // The code carries the key, so it is a copy of the key like any other (README: every copy).
      if (flow.key !== undefined)
        await deps.audit.append({
          action: 'key.copy',
          outcome: 'ok',
          instanceId: args.instanceId,
          instanceName: clients.record(args.instanceId).name,
          subject: keySubject(flow.key),
          detail: `in the ${LANGUAGE_NAMES[args.language]} code for the flow ${flow.summary.name}`,
        });
      return result;
    },
  };
}
