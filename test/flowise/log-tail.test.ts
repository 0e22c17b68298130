import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { tailOf } from './log-tail.js';

describe('tailOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fkv-tail-'));
  const file = join(dir, 'x.log');
  writeFileSync(file, ['one', 'two key=s3cret', 'three', ''].join('\n'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the last lines', () => {
    expect(tailOf(file, [], 2)).toBe('two key=s3cret\nthree');
  });

  it('scrubs the secrets it is given', () => {
    expect(tailOf(file, ['s3cret', ''])).toBe('one\ntwo key=[redacted]\nthree');
  });

  it('says so when there is no log', () => {
    expect(tailOf(join(tmpdir(), 'fkv-no-such.log'))).toBe('(no log was written)');
  });
});
