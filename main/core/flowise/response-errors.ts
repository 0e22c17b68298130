// Turns what a Flowise server answered into an AppError a person can act on. Flowise's statuses
// are unreliable (404s wrapped as 500, HTML with 200), so the body's `message` is read as well.
// Server text is quoted only after every known key and anything key-shaped is cut out of it.
import { AppError } from '../../../common/errors.js';
import type { HttpRequest, HttpResponse } from '../ports.js';
import { describeNeed, permissionsFor } from './route-permissions.js';

export interface ExchangeContext {
  host: string;
  method: HttpRequest['method'];
  /** The route under /api/v1, e.g. `/apikey/5f…`; ids only, never a key. */
  path: string;
  /** What the call is about, for "… was not found", e.g. `API key 5f…`. */
  subject?: string | undefined;
  /** Values that must never be quoted back (the keys this call knows). */
  secrets: readonly string[];
}

const KEY_SHAPED = /[A-Za-z0-9_-]{40,}/g;
const SERVICE_PREFIX = /^(?:Error:\s*)?(?:[A-Za-z]+\.[A-Za-z]+ - (?:Error:\s*)?)+/;

export function isJson(response: HttpResponse): boolean {
  return /\bjson\b/i.test(response.headers['content-type'] ?? '');
}

/** The server's own words, without service prefixes, secrets or anything key-shaped. */
export function serverMessage(response: HttpResponse, secrets: readonly string[]): string {
  let text = '';
  if (isJson(response)) {
    try {
      const parsed: unknown = JSON.parse(response.body);
      if (typeof parsed === 'object' && parsed !== null) {
        const { message, error } = parsed as { message?: unknown; error?: unknown };
        text = typeof message === 'string' ? message : typeof error === 'string' ? error : '';
      }
    } catch {
      text = '';
    }
  }
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join('••••');
  text = text.replace(KEY_SHAPED, '••••').replace(SERVICE_PREFIX, '').trim();
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

const route = (ctx: ExchangeContext): string => `${ctx.method} ${ctx.path.split('?')[0] ?? ''}`;

export type AnswerKind = 'html' | 'json' | 'text' | 'empty';

function kindOf(response: HttpResponse): AnswerKind {
  if (response.body.trim() === '') return 'empty';
  if (isJson(response)) return 'json';
  const type = response.headers['content-type'] ?? '';
  return /html/i.test(type) || /^\s*</.test(response.body) ? 'html' : 'text';
}

/** Up to a few words of an answer: a page's title, else its text; never a key. */
function firstWords(response: HttpResponse, kind: AnswerKind, secrets: readonly string[]): string {
  let text = response.body.slice(0, 4096);
  if (kind === 'html') {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    text = title ?? text.replace(/<[^>]*>?/g, ' ');
  }
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join('••••');
  text = text.replace(KEY_SHAPED, '••••').replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** What came back, in words: "HTTP 404, no content type, empty body". */
export function describeAnswer(response: HttpResponse, secrets: readonly string[]): string {
  const kind = kindOf(response);
  const type = response.headers['content-type']?.split(';')[0]?.trim() ?? '';
  const parts = [`HTTP ${String(response.status)}`, type === '' ? 'no content type' : type];
  const words = kind === 'empty' ? '' : firstWords(response, kind, secrets);
  parts.push(words === '' ? 'empty body' : `“${words}”`);
  const what = kind === 'html' ? 'a web page (HTML)' : kind === 'json' ? 'JSON' : 'an answer';
  return `${what === 'an answer' ? '' : `${what}: `}${parts.join(', ')}`;
}

/** An answer that is not Flowise's API; with the response, it says exactly what came back. */
export function notFlowise(ctx: ExchangeContext, response?: HttpResponse): AppError {
  const base = { host: ctx.host, route: route(ctx) };
  if (response === undefined)
    return new AppError(
      'not_flowise',
      `This URL does not look like a Flowise API: ${ctx.host} answered ${route(ctx)} with ` +
        "something other than Flowise's data. Check the address: it should be the server's root.",
      base,
    );
  const kind = kindOf(response);
  return new AppError(
    'not_flowise',
    `This URL does not look like a Flowise API: ${ctx.host} answered ${route(ctx)} with ` +
      `${describeAnswer(response, ctx.secrets)}. Check the address: it should be the server's root.`,
    {
      ...base,
      status: response.status,
      contentType: response.headers['content-type']?.split(';')[0]?.trim() ?? '',
      answer: kind,
      seen: describeAnswer(response, ctx.secrets),
    },
  );
}

function withReason(sentence: string, reason: string): string {
  return reason === '' ? sentence : `${sentence} The server said: ${reason}`;
}

export function errorForStatus(ctx: ExchangeContext, response: HttpResponse): AppError {
  const { status } = response;
  const details = { host: ctx.host, status, route: route(ctx) };
  const reason = serverMessage(response, ctx.secrets);
  const what = ctx.subject ?? 'The requested item';
  if (status === 401)
    return new AppError(
      'unauthorized',
      `${ctx.host} did not accept the API key: it is missing, invalid or has been deleted.`,
      details,
    );
  if (status === 403) {
    const need = permissionsFor(ctx.method, ctx.path);
    const sentence =
      need.length === 0
        ? `The API key may not call ${route(ctx)} on ${ctx.host}.`
        : `The API key lacks the permission ${describeNeed(need)} that ${route(ctx)} needs on ${ctx.host}.`;
    return new AppError('forbidden', sentence, {
      ...details,
      ...(need.length === 0 ? {} : { permission: need.join(',') }),
    });
  }
  if (status === 404 && !isJson(response)) return notFlowise(ctx, response);
  if (status === 404 || (status === 500 && /not found/i.test(reason)))
    return new AppError('not_found', `${what} was not found on ${ctx.host}.`, details);
  if (status === 412)
    return new AppError(
      'precondition_failed',
      withReason(`${ctx.host} refused ${route(ctx)}: something it needs was missing.`, reason),
      details,
    );
  if (status === 400 || status === 422)
    return new AppError(
      'bad_request',
      withReason(`${ctx.host} rejected ${route(ctx)}.`, reason),
      details,
    );
  if (status >= 502 && status <= 504)
    return new AppError(
      'server_error',
      `${ctx.host} is unavailable (HTTP ${status}); a proxy in front of Flowise could not reach it.`,
      details,
    );
  return new AppError(
    'server_error',
    withReason(`${ctx.host} failed on ${route(ctx)} (HTTP ${status}).`, reason),
    details,
  );
}

export function notFoundError(host: string, subject: string, route: string): AppError {
  return new AppError('not_found', `${subject} was not found on ${host}.`, { host, route });
}
