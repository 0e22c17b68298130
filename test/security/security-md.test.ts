// SECURITY.md links each promise to the test that proves it; this keeps those links real.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const text = readFileSync(join(root, 'SECURITY.md'), 'utf8');

describe('SECURITY.md', () => {
  it('links only to files that exist', () => {
    const targets = [...text.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1] ?? '');
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => !existsSync(join(root, t)))).toEqual([]);
  });

  it('gives every promise of the threat model a test, or says that it is pending', () => {
    const threatModel = /^## Threat model$([\s\S]*?)^## /m.exec(text)?.[1] ?? '';
    const promises = threatModel.split(/\n(?=- )/).filter((block) => block.startsWith('- '));
    expect(promises.length).toBeGreaterThan(20);
    const unproven = promises.filter(
      (p) => !/\]\([^)]+\.test\.tsx?\)/.test(p) && !p.includes('(test: pending)'),
    );
    expect(unproven).toEqual([]);
  });
});
