// Key rows as each Flowise line returns them from GET /apikey, for scripted unit tests.
import { randomBytes, randomUUID } from 'node:crypto';

export interface RowShape {
  id?: string;
  keyName?: string;
  apiKey?: string;
  permissions?: string[];
}

export function keyRow3(shape: RowShape = {}): Record<string, unknown> {
  return {
    id: shape.id ?? randomUUID(),
    apiKey: shape.apiKey ?? randomBytes(32).toString('base64url'),
    apiSecret: `${'ab'.repeat(64)}.${'cd'.repeat(8)}`,
    keyName: shape.keyName ?? 'key',
    permissions: shape.permissions ?? ['apikeys:view'],
    updatedDate: '2026-11-22T10:00:00.000Z',
    workspaceId: 'ws-1',
    chatFlows: [],
  };
}

/** 3.0.1–3.0.12: workspaces, no permissions. */
export function keyRow30(shape: RowShape = {}): Record<string, unknown> {
  const row = keyRow3(shape);
  delete row.permissions;
  return row;
}

/** 2.x json storage: hex ids, createdAt, no workspace. */
export function keyRow2(shape: RowShape = {}): Record<string, unknown> {
  return {
    id: shape.id ?? randomBytes(16).toString('hex'),
    keyName: shape.keyName ?? 'DefaultKey',
    apiKey: shape.apiKey ?? randomBytes(32).toString('base64url'),
    apiSecret: 'x.y',
    createdAt: '22-Nov-26',
    chatFlows: [],
  };
}
