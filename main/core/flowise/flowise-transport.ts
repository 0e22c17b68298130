// One call to a Flowise API: builds the URL under the instance's /api/v1, adds the key as a Bearer
// header (never in the URL, never `x-request-from`), follows a few same-origin redirects only, and
// turns every answer that is not the data asked for into an AppError.
import type { z } from 'zod';

import { AppError } from '../../../common/errors.js';
import type { HttpPort, HttpRequest, HttpResponse, HttpTls } from '../ports.js';
import type { ReadScope } from './conditional-reads.js';
import type { ExchangeContext } from './response-errors.js';
import { errorForStatus, isJson, notFlowise } from './response-errors.js';

export interface TransportConfig {
  http: HttpPort;
  /** Checked by instanceBase: allowed scheme, no credentials, no trailing slash. */
  base: URL;
  apiKey: string;
  timeoutMs: number;
  tls?: HttpTls | undefined;
  maxBodyBytes: number;
  /** Where GETs asked with `conditional` keep their answer and ETag; none: nothing is kept. */
  reads?: ReadScope | undefined;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string>;
  /** The key for the Authorization header: the admin key unless given; none when null. */
  key?: string | null;
  subject?: string;
  /** Other values (a key in the body, say) that no error message may quote. */
  secrets?: readonly string[];
  /** A GET of a list: asked with If-None-Match when an answer is kept, and a 304 gives the kept
   * (frozen) value back. 'unlock': a list that changes only with the server's version (the
   * permission catalog), given back as kept without asking until the lock. The default key
   * only: another key may be shown another list. */
  conditional?: boolean | 'unlock';
  /** Reads an error status the route's own way before the general mapping. */
  onError?: (response: HttpResponse, ctx: ExchangeContext) => AppError | undefined;
}

export interface Transport {
  readonly host: string;
  /** Throws when a key would end up in this path; send() checks every URL the same way. */
  checkPath(path: string): void;
  send(method: HttpRequest['method'], path: string, options?: CallOptions): Promise<HttpResponse>;
  json<S extends z.ZodType>(
    method: HttpRequest['method'],
    path: string,
    schema: S,
    options?: CallOptions,
  ): Promise<z.output<S>>;
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function refuseSecretsIn(url: string, secrets: readonly string[]): void {
  if (secrets.some((secret) => secret !== '' && url.includes(secret)))
    throw new AppError('internal', 'A key would have been put in a URL, so the call was stopped.');
}

export function createTransport(config: TransportConfig): Transport {
  const { base } = config;
  const host = base.host;
  const prefix = `${base.pathname.replace(/\/+$/, '')}/api/v1`;

  const urlOf = (path: string, query: Record<string, string> | undefined): URL => {
    const url = new URL(base.href);
    url.pathname = `${prefix}${path}`;
    if (query !== undefined) url.search = new URLSearchParams(query).toString();
    return url;
  };

  const headersFor = (
    key: string | null,
    hasBody: boolean,
    etag: string | undefined,
  ): Record<string, string> => ({
    accept: 'application/json, text/plain;q=0.5',
    'user-agent': 'flowise-key-vault',
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    ...(etag === undefined ? {} : { 'if-none-match': etag }),
  });

  const nextHop = (ctx: ExchangeContext, response: HttpResponse, from: URL): URL => {
    const location = response.headers.location;
    if (location === undefined || location === '')
      throw new AppError('server_error', `${host} answered with a redirect that has no target.`, {
        host,
      });
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      throw new AppError('server_error', `${host} redirected to an address that is not valid.`, {
        host,
      });
    }
    if (target.origin !== base.origin || target.username !== '' || target.password !== '') {
      const where = target.host === host ? `${target.protocol}//${target.host}` : target.host;
      throw new AppError(
        'network',
        `${host} redirected ${ctx.method} ${ctx.path} to ${where}. The API key is only ever sent ` +
          `to ${base.origin}; if ${where} is the right address, change the instance's address to it.`,
        { host, target: target.host },
      );
    }
    return target;
  };

  /** `ifNoneMatch`: a 304 is then an answer like a 2xx. */
  async function send(
    method: HttpRequest['method'],
    path: string,
    options: CallOptions = {},
    ifNoneMatch?: string,
  ): Promise<HttpResponse> {
    const key = options.key === undefined ? config.apiKey : options.key;
    const secrets = [config.apiKey, ...(key === null ? [] : [key]), ...(options.secrets ?? [])];
    const ctx: ExchangeContext = { host, method, path, subject: options.subject, secrets };
    let url = urlOf(path, options.query);
    refuseSecretsIn(url.href, secrets);
    let current: HttpRequest = {
      method,
      url: url.href,
      headers: headersFor(key, options.body !== undefined, ifNoneMatch),
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(config.tls === undefined ? {} : { tls: config.tls }),
    };
    for (let hops = 0; ; hops += 1) {
      const response = await config.http.request(current);
      if (!REDIRECTS.has(response.status)) {
        if (response.status >= 200 && response.status < 300) return response;
        if (response.status === 304 && ifNoneMatch !== undefined) return response;
        throw options.onError?.(response, ctx) ?? errorForStatus(ctx, response);
      }
      if (hops >= MAX_REDIRECTS)
        throw new AppError('network', `${host} redirected too many times.`, { host });
      url = nextHop(ctx, response, url);
      refuseSecretsIn(url.href, secrets);
      const keepsMethod = response.status === 307 || response.status === 308;
      if (!keepsMethod && method !== 'GET')
        throw new AppError(
          'network',
          `${host} redirected ${method} ${path} in a way that would drop the request body. ` +
            "Change the instance's address to the one the server redirects to.",
          { host },
        );
      current = { ...current, url: url.href };
    }
  }

  return {
    host,
    checkPath: (path) => {
      refuseSecretsIn(urlOf(path, undefined).href, [config.apiKey]);
    },
    send: (method, path, options) => send(method, path, options),
    async json(method, path, schema, options = {}) {
      const { conditional = false } = options;
      const reads =
        conditional !== false &&
        method === 'GET' &&
        options.body === undefined &&
        options.key === undefined
          ? config.reads
          : undefined;
      const name =
        options.query === undefined
          ? path
          : `${path}?${new URLSearchParams(options.query).toString()}`;
      const kept = reads?.get(name);
      if (kept !== undefined && conditional === 'unlock')
        return kept.value as z.output<typeof schema>;
      const response = await send(method, path, options, kept?.etag || undefined);
      if (response.status === 304 && kept !== undefined)
        return kept.value as z.output<typeof schema>;
      const ctx = {
        host,
        method,
        path,
        subject: options.subject,
        secrets: [config.apiKey, ...(typeof options.key === 'string' ? [options.key] : [])],
      };
      if (!isJson(response)) throw notFlowise(ctx, response);
      let parsed: unknown;
      try {
        parsed = JSON.parse(response.body);
      } catch {
        throw notFlowise(ctx, response);
      }
      const result = schema.safeParse(parsed);
      if (!result.success)
        throw new AppError(
          'server_error',
          `${host} answered ${method} ${path} with data this app does not understand.`,
          { host, route: `${method} ${path}` },
        );
      const etag = response.headers.etag ?? '';
      if (etag !== '' || conditional === 'unlock') reads?.keep(name, etag, result.data);
      else reads?.drop(name);
      return result.data;
    },
  };
}
