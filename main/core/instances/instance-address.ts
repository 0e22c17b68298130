// The address an instance is saved and tested under: the server's root. People often paste the
// API's address from Flowise's docs, so a trailing /api or /api/v1 is taken off, and said.
import { stripApiSuffix } from '../flowise/origin-policy.js';

export interface RootAddress {
  baseUrl: string;
  /** Present when something other than trailing slashes was removed. */
  note?: string;
}

export function rootAddress(typed: string): RootAddress {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    // The schema and the origin policy explain an invalid address; nothing to change here.
    return { baseUrl: typed };
  }
  const trimmed = url.pathname.replace(/\/+$/, '');
  const root = stripApiSuffix(trimmed);
  const baseUrl = `${url.origin}${root}`;
  if (root === trimmed) return { baseUrl };
  const removed = trimmed.slice(root.length);
  return {
    baseUrl,
    note: `The ${removed} at the end was removed: the address is the server's root, ${baseUrl}.`,
  };
}
