// Messages between the browser bridge and the harness, over one WebSocket.
import type { Envelope } from '../../common/ipc/define.js';

export interface CallMessage {
  id: number;
  channel: string;
  args: unknown;
}

export type ServerMessage =
  | { kind: 'result'; id: number; envelope: Envelope<unknown> }
  | { kind: 'event'; event: string; payload: unknown };

export const TOKEN_PROTOCOL_PREFIX = 'fkv.';
export const RPC_PATH = '/__fkv/rpc';
export const BRIDGE_PATH = '/__fkv/bridge.js';
