// The page CSP re-check that backs renderer/index.html's CSP_GLOBAL_CHECK suppression. The full
// Electronegativity scan runs on a fresh build in test/packaging/package-smoke.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { pageCspFindings } from './electronegativity.js';

const page = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');

describe('page CSP re-check', () => {
  it('accepts the renderer page as it is', () => {
    expect(pageCspFindings(page)).toEqual([]);
  });

  it('catches a weaker policy that the suppression would otherwise hide', () => {
    const weaker = page.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");
    expect(weaker).not.toBe(page);
    expect(pageCspFindings(weaker).join('\n')).toContain('unsafe-eval');
    const noObjectSrc = page.replace("object-src 'none'; ", '');
    expect(pageCspFindings(noObjectSrc).join('\n')).toContain('object-src');
  });

  it('catches a page without a CSP', () => {
    expect(pageCspFindings('<!doctype html><html></html>')).toHaveLength(1);
  });
});
