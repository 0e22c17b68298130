// promote.flowCheck: the credentials a flow needs, and whether each is on the target instance with
// the same id (the flow names them by id, so a credential of another id there does not count).
// The flow comes pasted, as Flowise exports it (its flowData, or the whole chatflow object), or
// is read from the source instance. Only the places Flowise keeps credential references count, plus
// any other id there that is a credential on either instance; a node's or a store's id is not one.
import { AppError } from '../../../common/errors.js';
import type {
  FlowCheck,
  FlowCheckArgs,
  FlowCredentialNeed,
} from '../../../common/ipc/schemas/promote.js';
import { idTokensIn, namedCredentialIds } from '../credentials/credential-usage.js';
import type { CredentialRow } from '../flowise/flowise-schemas.js';
import type { End, PromoteDeps } from './promote-deps.js';
import { endOf, openEnd } from './promote-deps.js';

interface ParsedFlow {
  name?: string;
  nodes: unknown[];
  whole: unknown;
}

function parseFlowData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'That is not a flow: it is not JSON.');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Flowise's export is the flowData itself; its REST answers wrap it as a string in `flowData`. */
export function parseFlow(text: string): ParsedFlow {
  let value = parseFlowData(text);
  let name: string | undefined;
  if (isObject(value) && typeof value.flowData === 'string') {
    if (typeof value.name === 'string') name = value.name;
    value = parseFlowData(value.flowData);
  }
  if (!isObject(value) || !Array.isArray(value.nodes))
    throw new AppError(
      'bad_request',
      'That is not a flow: Flowise flows have a list of nodes ("nodes"), and this has none.',
    );
  return { ...(name === undefined ? {} : { name }), nodes: value.nodes, whole: value };
}

function nodeLabel(node: unknown): string {
  if (!isObject(node)) return 'a node';
  const data = isObject(node.data) ? node.data : {};
  if (typeof data.label === 'string') return data.label;
  return typeof node.id === 'string' ? node.id : 'a node';
}

async function rowsOf(end: End | undefined): Promise<Map<string, CredentialRow>> {
  if (end === undefined) return new Map();
  const rows = await end.client.listCredentials();
  return new Map(rows.map((r) => [r.id.toLowerCase(), r]));
}

async function labelsOf(end: End | undefined): Promise<Map<string, string>> {
  if (end === undefined) return new Map();
  const types = await end.client.listCredentialTypes().catch(() => []);
  return new Map(types.map((t) => [t.name, t.label]));
}

export async function checkFlow(deps: PromoteDeps, args: FlowCheckArgs): Promise<FlowCheck> {
  if ((args.flowJson === undefined) === (args.chatflowId === undefined))
    throw new AppError('bad_request', 'Paste a flow, or pick one on the source instance.');
  if (args.fromInstanceId === args.toInstanceId)
    throw new AppError('bad_request', 'Choose another instance to check against.');
  const to = await openEnd(deps, args.toInstanceId);
  const from =
    args.fromInstanceId === undefined ? undefined : await openEnd(deps, args.fromInstanceId);
  let text = args.flowJson;
  if (args.chatflowId !== undefined) {
    if (from === undefined)
      throw new AppError('bad_request', 'Choose the instance the flow is read from.');
    const flow = await from.client.getChatflow(args.chatflowId);
    text = JSON.stringify({ name: flow.name, flowData: flow.flowData ?? '{}' });
  }
  const flow = parseFlow(text ?? '');
  const [onSource, onTarget, sourceLabels, targetLabels] = await Promise.all([
    rowsOf(from),
    rowsOf(to),
    labelsOf(from),
    labelsOf(to),
  ]);
  const needs = new Map<string, Set<string>>();
  for (const node of flow.nodes) {
    const named = namedCredentialIds(node);
    for (const id of idTokensIn(JSON.stringify(node)))
      if (onSource.has(id) || onTarget.has(id)) named.add(id);
    for (const id of named) needs.set(id, (needs.get(id) ?? new Set()).add(nodeLabel(node)));
  }
  const state = (row: CredentialRow | undefined, labels: Map<string, string>) =>
    row === undefined
      ? undefined
      : {
          name: row.name,
          credentialName: row.credentialName,
          typeLabel: labels.get(row.credentialName) ?? row.credentialName,
        };
  const list: FlowCredentialNeed[] = [...needs].map(([id, nodes]) => {
    const source = onSource.get(id);
    const target = onTarget.get(id);
    const sourceState = state(source, sourceLabels);
    const targetState = state(target, targetLabels);
    return {
      id: source?.id ?? target?.id ?? id,
      nodes: [...nodes].sort(),
      ...(sourceState === undefined ? {} : { onSource: sourceState }),
      ...(targetState === undefined ? {} : { onTarget: targetState }),
      status:
        target === undefined
          ? 'missing'
          : source !== undefined && source.credentialName !== target.credentialName
            ? 'type-differs'
            : 'present',
    };
  });
  return {
    ...(flow.name === undefined ? {} : { flowName: flow.name }),
    ...(from === undefined ? {} : { from: endOf(from) }),
    to: endOf(to),
    needs: list.sort((a, b) => a.id.localeCompare(b.id)),
  };
}
