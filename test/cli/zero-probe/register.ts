// Test-only, loaded into the fkv child with `node --import tsx --import <this file>` (never by the
// product): every import of main/core/vault/aead.ts and kdf.ts, except from this folder, gets
// the wrapper beside this file instead, which keeps a reference to each key buffer they hand the
// core (held.ts). The hooks run on Node's loader thread; a data: URL spares them a loader.
import { register } from 'node:module';

const hooks = `
const probeDir = ${JSON.stringify(new URL('./', import.meta.url).href)};
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const found = /\\/main\\/core\\/vault\\/(aead|kdf)\\.ts$/.exec(result.url);
  if (found === null || (context.parentURL ?? '').startsWith(probeDir)) return result;
  return { ...result, url: probeDir + found[1] + '-probe.ts', shortCircuit: true };
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
