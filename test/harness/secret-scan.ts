// The e2e secret scan: every secret a harness run handled (key values Flowise returned, bearer
// tokens the core sent, passwords and admin keys the renderer submitted), looked for in whatever
// the run left readable: log lines, DOM snapshots, console messages, the harness's WebSocket
// traffic to the page, and the data folder's plain files. A hit names where and the secret's
// fingerprint, never the secret.
import { createHash } from 'node:crypto';

import type { Handler } from '../../common/ipc/rpc.js';
import type { HttpPort } from '../../main/core/ports.js';

/** Shorter values could turn up by chance (a key name, a date); real ones are far longer. */
const MIN_SECRET_LENGTH = 8;

export interface ScanSource {
  /** Where the text came from, e.g. "harness log" or "DOM after the test". */
  where: string;
  text: string;
}

export interface SecretHit {
  where: string;
  kind: string;
  fingerprint: string;
  length: number;
}

/** sha256, first 12 hex digits: enough to tell secrets apart in a report, useless to an attacker. */
export const fingerprint = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex').slice(0, 12);

export class SecretSet {
  /** value → what it is, e.g. "API key value". */
  readonly byValue = new Map<string, string>();

  add(value: unknown, kind: string): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    if (!this.byValue.has(value)) this.byValue.set(value, kind);
  }

  get size(): number {
    return this.byValue.size;
  }
}

/** Every string under an `apiKey` property, at any depth: Flowise's key rows and created keys. */
export function apiKeysIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) apiKeysIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const [name, field] of Object.entries(value)) {
      if (name === 'apiKey' && typeof field === 'string') found.push(field);
      else apiKeysIn(field, found);
    }
  return found;
}

/** The core's HTTP port, noting the bearer tokens it sends and the key values Flowise answers. */
export function recordingHttp(inner: HttpPort, secrets: SecretSet): HttpPort {
  // The certificate probe carries no secret; it passes through untouched.
  const probe = inner.probeCertificate?.bind(inner);
  return {
    ...(probe === undefined ? {} : { probeCertificate: probe }),
    async request(request) {
      for (const [name, value] of Object.entries(request.headers))
        if (name.toLowerCase() === 'authorization')
          secrets.add(value.replace(/^Bearer\s+/i, ''), 'bearer token sent to Flowise');
      const response = await inner.request(request);
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        return response;
      }
      for (const key of apiKeysIn(body)) secrets.add(key, 'API key value from Flowise');
      return response;
    },
  };
}

/** Arguments the renderer sends that are secrets by their name, recorded before the core runs. */
export function recordingHandler(channel: string, handler: Handler, secrets: SecretSet): Handler {
  const names =
    channel === 'vault.changePassword'
      ? ['current', 'next']
      : ['password', 'adminKey', 'currentPassword', 'newPassword'];
  return (args) => {
    for (const arg of Array.isArray(args) ? args : [args])
      if (arg !== null && typeof arg === 'object')
        for (const name of names)
          secrets.add((arg as Record<string, unknown>)[name], `${name} sent by the renderer`);
    return handler(args);
  };
}

/**
 * The one message allowed to carry a key value to the renderer: the answer to keys.reveal, the
 * one-time redemption of a creation or rotation ticket, shown once in the reveal dialog (never put
 * in a store). Only its `value` is blanked; anything else in it is still scanned.
 */
export function withoutRevealedValue(channel: string, text: string): string {
  if (channel !== 'keys.reveal') return text;
  const message = JSON.parse(text) as {
    envelope?: { ok?: boolean; value?: { value?: unknown } };
  };
  if (message.envelope?.ok === true && typeof message.envelope.value?.value === 'string')
    message.envelope.value.value = '';
  return JSON.stringify(message);
}

/** The secret as it appears raw, inside JSON, and in serialized HTML text or attributes. */
function spellings(value: string): string[] {
  const html = value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
  return [...new Set([value, JSON.stringify(value).slice(1, -1), html])];
}

export function scanForSecrets(secrets: SecretSet, sources: readonly ScanSource[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const [value, kind] of secrets.byValue) {
    const forms = spellings(value);
    for (const source of sources)
      if (forms.some((form) => source.text.includes(form)))
        hits.push({
          where: source.where,
          kind,
          fingerprint: fingerprint(value),
          length: value.length,
        });
  }
  return hits;
}

export function describeHits(hits: readonly SecretHit[], secrets: number): string {
  const lines = hits.map(
    (hit) =>
      `- ${hit.where}: ${hit.kind} (sha256 ${hit.fingerprint}…, ${String(hit.length)} chars)`,
  );
  return `Secret scan: ${String(hits.length)} hit(s) among ${String(secrets)} secrets:\n${lines.join('\n')}`;
}
