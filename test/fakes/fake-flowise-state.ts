// What a fake Flowise holds: keys, chatflows and credentials of its one workspace, and how each
// line (3.0.13+, 3.0.1–3.0.12, 2.x) shows them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { FlowiseGeneration } from '../../main/core/flowise/generation.js';
import { ALL_KEY_PERMISSIONS } from './fake-permissions.js';

export type FakeGeneration = FlowiseGeneration;

export interface FakeKey {
  id: string;
  keyName: string;
  apiKey: string;
  apiSecret: string;
  permissions: string[];
  updatedDate: string;
  createdAt: string;
}

export interface FakeChatflow {
  id: string;
  name: string;
  type: string;
  flowData: string;
  apikeyid: string | null;
  chatbotConfig: string | null;
  deployed: boolean;
  isPublic: boolean;
  category: string | null;
  createdDate: string;
  updatedDate: string;
}

export interface FakeCredential {
  id: string;
  name: string;
  credentialName: string;
  data: Record<string, unknown>;
  createdDate: string;
  updatedDate: string;
}

/** A Start → Direct Reply agentflow: answers without any model, like the real test flow. */
export function directReplyFlow(reply: string): string {
  const node = (id: string, name: string, label: string, inputs: Record<string, string>) => ({
    id,
    type: 'agentFlow',
    position: { x: 0, y: 0 },
    data: {
      id,
      name,
      label,
      version: 1,
      inputs,
      outputs: {},
      inputParams: [],
      inputAnchors: [],
      outputAnchors: [],
    },
  });
  return JSON.stringify({
    nodes: [
      node('startAgentflow_0', 'startAgentflow', 'Start', { startInputType: 'chatInput' }),
      node('directReplyAgentflow_0', 'directReplyAgentflow', 'Direct Reply', {
        directReplyMessage: reply,
      }),
    ],
    edges: [
      {
        id: 'e1',
        source: 'startAgentflow_0',
        target: 'directReplyAgentflow_0',
        type: 'agentFlow',
        data: {},
      },
    ],
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export class FakeState {
  readonly workspaceId = randomUUID();
  readonly keys = new Map<string, FakeKey>();
  readonly chatflows = new Map<string, FakeChatflow>();
  readonly credentials = new Map<string, FakeCredential>();

  /** Where keys live: 2.x keeps them in api.json unless told `db`; 3.x always in the database. */
  readonly apiKeyStorage: 'json' | 'db';

  constructor(
    readonly generation: FakeGeneration,
    apiKeyStorage: 'json' | 'db' = 'json',
  ) {
    this.apiKeyStorage = generation === '2.0.6-3.0.0' ? apiKeyStorage : 'db';
  }

  get scoped(): boolean {
    return this.generation === '3.0.13+';
  }

  get workspaces(): boolean {
    return this.generation !== '2.0.6-3.0.0';
  }

  newId(): string {
    return this.workspaces ? randomUUID() : randomBytes(16).toString('hex');
  }

  now(): string {
    return new Date().toISOString().replace(/\.\d+Z$/, '.000Z');
  }

  addKey(
    keyName: string,
    permissions: readonly string[] = ALL_KEY_PERMISSIONS,
    given?: { apiKey: string; id?: string },
  ): FakeKey {
    const apiKey = given?.apiKey ?? randomBytes(32).toString('base64url');
    const salt = randomBytes(8).toString('hex');
    const d = new Date();
    const key: FakeKey = {
      id: given?.id ?? this.newId(),
      keyName,
      apiKey,
      apiSecret: `${createHash('sha512')
        .update(salt + apiKey)
        .digest('hex')}.${salt}`,
      permissions: [...permissions],
      updatedDate: this.now(),
      createdAt: `${String(d.getDate()).padStart(2, '0')}-${MONTHS[d.getMonth()] ?? 'Jan'}-${String(d.getFullYear()).slice(2)}`,
    };
    this.keys.set(key.id, key);
    return key;
  }

  keyByValue(value: string): FakeKey | undefined {
    return [...this.keys.values()].find((k) => k.apiKey === value);
  }

  addChatflow(fields: Partial<FakeChatflow> & { name: string }): FakeChatflow {
    const now = this.now();
    const flow: FakeChatflow = {
      type: 'CHATFLOW',
      flowData: '{"nodes":[],"edges":[]}',
      apikeyid: null,
      chatbotConfig: null,
      deployed: false,
      isPublic: false,
      category: null,
      createdDate: now,
      updatedDate: now,
      ...fields,
      id: fields.id ?? randomUUID(),
    };
    this.chatflows.set(flow.id, flow);
    return flow;
  }

  addCredential(
    name: string,
    credentialName: string,
    data: Record<string, unknown>,
    id?: string,
  ): FakeCredential {
    const now = this.now();
    const credential = {
      id: id ?? this.newId(),
      name,
      credentialName,
      data: { ...data },
      createdDate: now,
      updatedDate: now,
    };
    this.credentials.set(credential.id, credential);
    return credential;
  }

  /** A key as GET /apikey shows it in this line, with the flows bound to it. */
  keyRow(key: FakeKey): Record<string, unknown> {
    const chatFlows = [...this.chatflows.values()]
      .filter((f) => f.apikeyid === key.id)
      .map((f) => ({ flowName: f.name, category: f.category ?? '', updatedDate: f.updatedDate }));
    const base = { id: key.id, apiKey: key.apiKey, apiSecret: key.apiSecret, keyName: key.keyName };
    // 2.x: api.json rows carry createdAt ("06-Dec-26"), database rows updatedDate.
    if (this.generation === '2.0.6-3.0.0')
      return this.apiKeyStorage === 'json'
        ? { ...base, createdAt: key.createdAt, chatFlows }
        : { ...base, updatedDate: key.updatedDate, chatFlows };
    return {
      ...base,
      ...(this.scoped ? { permissions: key.permissions } : {}),
      updatedDate: key.updatedDate,
      workspaceId: this.workspaceId,
      chatFlows,
    };
  }

  chatflowRow(flow: FakeChatflow): Record<string, unknown> {
    return { ...flow, ...(this.workspaces ? { workspaceId: this.workspaceId } : {}) };
  }

  credentialRow(credential: FakeCredential): Record<string, unknown> {
    const row: Record<string, unknown> = { ...credential };
    delete row.data;
    return { ...row, ...(this.workspaces ? { workspaceId: this.workspaceId } : {}) };
  }
}
