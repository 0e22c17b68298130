// The request and reply shapes the fake's routes work with, and Flowise's three error body shapes.
import type { FakeKey, FakeState } from './fake-flowise-state.js';

export interface FakeRequest {
  method: string;
  /** The path under /api/v1, e.g. `/apikey/5f…`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  /** The key the call authenticated with; undefined on whitelisted routes and 2.x bypasses. */
  caller: FakeKey | undefined;
  state: FakeState;
  version: string;
  platform: string;
}

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const SPA_PAGE =
  '<!DOCTYPE html>\n<html lang="en">\n    <head>\n        <title>Flowise - Build AI Agents, Visually</title>\n' +
  '        <meta charset="utf-8" />\n    </head>\n    <body><div id="root"></div></body>\n</html>\n';

export const json = (status: number, value: unknown): Reply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

/** What Flowise answers for any route it does not have: its web page, with status 200. */
export const page = (): Reply => ({
  status: 200,
  contentType: 'text/html; charset=UTF-8',
  body: SPA_PAGE,
});

export const textReply = (body: string): Reply => ({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body,
});

/** Thrown by routes; becomes Flowise's controller error shape. */
export class HttpFail extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const failureReply = (status: number, message: string): Reply =>
  json(status, { statusCode: status, success: false, message, stack: {} });

export const GATE_UNAUTHORIZED = (): Reply => json(401, { error: 'Unauthorized Access' });
export const FORBIDDEN = (): Reply => json(403, { message: 'Forbidden' });
export const DELETED = (affected: number): Reply => json(200, { raw: [], affected });

export interface FakeRoute {
  method: string;
  pattern: RegExp;
  /** Whitelisted: reached without a key. */
  open?: boolean;
  /** 3.0.13+: any one of these permissions passes; absent means any valid key. */
  anyOf?: readonly string[];
  handle(request: FakeRequest, params: Record<string, string>): Reply;
}

export const route = (
  method: string,
  path: string,
  handle: FakeRoute['handle'],
  options: { open?: boolean; anyOf?: string } = {},
): FakeRoute => ({
  method,
  pattern: new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`),
  handle,
  ...(options.open === true ? { open: true } : {}),
  ...(options.anyOf === undefined ? {} : { anyOf: options.anyOf.split(',') }),
});

export function bodyObject(request: FakeRequest): Record<string, unknown> {
  const { body } = request;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
