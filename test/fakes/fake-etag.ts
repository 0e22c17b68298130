// ETags and 304s as Express sends them (its default `etag` setting, the `etag` and `fresh`
// packages): a weak tag of the body's length and SHA-1 on every answer with a body, and 304 Not
// Modified, without a body, to a GET or HEAD whose If-None-Match names the tag of a 2xx answer.
import { createHash } from 'node:crypto';

import type { Reply } from './fake-flowise-http.js';

/** A reply may be sent many times (the answer cache): its tag is worked out once. */
const tags = new WeakMap<Reply, string>();

export function etagOf(reply: Reply): string | undefined {
  if (reply.headers?.etag !== undefined) return reply.headers.etag;
  if (reply.body === '') return undefined;
  let tag = tags.get(reply);
  if (tag === undefined) {
    const hash = createHash('sha1').update(reply.body, 'utf8').digest('base64').slice(0, 27);
    tag = `W/"${Buffer.byteLength(reply.body).toString(16)}-${hash}"`;
    tags.set(reply, tag);
  }
  return tag;
}

/** Whether `If-None-Match` names `tag`: a list, `*`, weak and strong tags compared weakly. */
export function matches(ifNoneMatch: string | undefined, tag: string | undefined): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch === '' || tag === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (t: string): string => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => bare(t) === bare(tag));
}

export function isFresh(method: string, ifNoneMatch: string | undefined, reply: Reply): boolean {
  return (
    (method === 'GET' || method === 'HEAD') &&
    reply.status >= 200 &&
    reply.status < 300 &&
    matches(ifNoneMatch, etagOf(reply))
  );
}
