// What each part of the contract suite gets: the target, a client on it, and clean-up.
import { randomBytes } from 'node:crypto';

import type { FlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createFlowiseClient } from '../../main/core/flowise/flowise-client.js';
import { createNodeHttp } from '../../main/core/flowise/node-http.js';
import { Cleanup } from './contract-helpers.js';
import type { ContractTarget } from './flowise-fixtures.js';

export interface ContractContext {
  target: ContractTarget;
  client: FlowiseClient;
  /** A client with another key or address on the same server. */
  clientWith: (apiKey: string, baseUrl?: string) => FlowiseClient;
  cleanup: Cleanup;
  /** A name no other run uses, so parallel runs on one server do not collide. */
  name: (label: string) => string;
  /** Keys that must never appear in an error; tests add the ones they create. */
  secrets: string[];
}

export function contractContext(target: ContractTarget): ContractContext {
  const http = createNodeHttp();
  const run = randomBytes(4).toString('hex');
  const clientWith = (apiKey: string, baseUrl = target.url): FlowiseClient =>
    createFlowiseClient({ http, baseUrl, apiKey, timeoutMs: 20_000 });
  return {
    target,
    client: clientWith(target.apiKey),
    clientWith,
    cleanup: new Cleanup(),
    name: (label) => `fkv-contract-${run}-${label}`,
    secrets: [target.apiKey],
  };
}

/** 43 characters of base64url, the shape of every Flowise key. */
export const KEY_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const randomKey = (): string => randomBytes(32).toString('base64url');
