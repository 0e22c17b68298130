import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'dotenv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import { deliverToEnvFile, restoreEnvFile } from './env-target.js';
import { createNodeTargetFiles } from './node-target-files.js';
import type { TargetWriteStep } from './node-target-files.js';
import { MemoryTargetFiles } from './testing/memory-target-files.js';

const posix = process.platform !== 'win32';
const KEY = 'FLOWISE_API_KEY';
const NEW = 'new-key # with = and "quotes"';

let root: string;
let env: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fkv-env-'));
  env = join(root, '.env');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;
const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('deliverToEnvFile on disk', () => {
  const original = `# app\r\nexport PORT=3000\r\n${KEY}=old-key # keep me\r\nDEBUG='a=b#c'`;

  it('rewrites in place keeping CRLF, export, comments, no trailing newline and the mode', async () => {
    await writeFile(env, original);
    if (posix) await chmod(env, 0o640);
    const files = createNodeTargetFiles();
    expect(await deliverToEnvFile(files, { path: env, name: KEY }, NEW)).toBe('updated');
    const text = await readFile(env, 'utf8');
    expect(text).toBe(original.replace('old-key', `'${NEW}'`));
    expect(parse(text)).toEqual({ PORT: '3000', [KEY]: NEW, DEBUG: 'a=b#c' });
    expect(await readFile(`${env}.bak`, 'utf8')).toBe(original);
    if (posix) {
      expect(await modeOf(env)).toBe(0o640);
      expect(await modeOf(`${env}.bak`)).toBe(0o640);
    }
    expect((await readdir(root)).sort()).toEqual(['.env', '.env.bak']);
  });

  it('keeps the previous version under a chosen suffix, and rollback puts it back', async () => {
    await writeFile(env, 'A=1\n');
    const files = createNodeTargetFiles();
    const target = { path: env, name: KEY, backupSuffix: '.before-rotation' };
    expect(await deliverToEnvFile(files, target, 'fresh')).toBe('appended');
    expect(await readFile(env, 'utf8')).toBe(`A=1\n${KEY}=fresh\n`);
    expect(await readFile(`${env}.before-rotation`, 'utf8')).toBe('A=1\n');
    await restoreEnvFile(files, target);
    expect(await readFile(env, 'utf8')).toBe('A=1\n');
  });

  it('refuses a read-only file with a clear error and writes nothing at all', async () => {
    if (!posix) return;
    await writeFile(env, original);
    await chmod(env, 0o444);
    const error = await rejection(
      deliverToEnvFile(createNodeTargetFiles(), { path: env, name: KEY }, NEW),
    );
    expect(isAppError(error, 'precondition_failed')).toBe(true);
    expect((error as Error).message).toBe(
      `${env} is read-only; nothing was written. Make it writable, then deliver again.`,
    );
    expect(await readFile(env, 'utf8')).toBe(original);
    expect(await readdir(root)).toEqual(['.env']);
  });

  it('leaves the old file whole and no temp file when the write stops before the rename', async () => {
    await writeFile(env, original);
    const files = createNodeTargetFiles({
      onStep: (step: TargetWriteStep) => {
        if (step === 'tmp-synced') throw new Error('crash');
      },
    });
    await expect(deliverToEnvFile(files, { path: env, name: KEY }, NEW)).rejects.toThrow();
    expect(await readFile(env, 'utf8')).toBe(original);
    expect((await readdir(root)).sort()).toEqual(['.env', '.env.bak']);
  });

  it('refuses a missing file, and a file that defines the variable twice, unchanged', async () => {
    const files = createNodeTargetFiles();
    const missing = await rejection(deliverToEnvFile(files, { path: env, name: KEY }, NEW));
    expect((missing as Error).message).toContain(`${env} does not exist`);
    const twice = `${KEY}=a\n${KEY}=b\n`;
    await writeFile(env, twice);
    const error = await rejection(deliverToEnvFile(files, { path: env, name: KEY }, NEW));
    expect(isAppError(error, 'conflict')).toBe(true);
    expect(await readFile(env, 'utf8')).toBe(twice);
    expect(await readdir(root)).toEqual(['.env']);
  });

  it('writes through a symlink to the file, which stays a symlink', async () => {
    if (!posix) return;
    const real = join(root, 'real.env');
    await writeFile(real, `${KEY}=old\n`);
    await symlink(real, env);
    await deliverToEnvFile(createNodeTargetFiles(), { path: env, name: KEY }, 'fresh');
    expect((await lstat(env)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe(`${KEY}=fresh\n`);
  });
});

describe('deliverToEnvFile', () => {
  it('leaves a file that already holds the value alone, so a repeat keeps the first backup', async () => {
    const files = new MemoryTargetFiles();
    files.put('/app/.env', `${KEY}=old\n`);
    const target = { path: '/app/.env', name: KEY };
    expect(await deliverToEnvFile(files, target, 'fresh')).toBe('updated');
    expect(await deliverToEnvFile(files, target, 'fresh')).toBe('unchanged');
    expect(files.text('/app/.env.bak')).toBe(`${KEY}=old\n`);
  });

  it('refuses a backup suffix that would leave the folder, and a rollback without a backup', async () => {
    const files = new MemoryTargetFiles();
    files.put('/app/.env', `${KEY}=old\n`);
    const outside = { path: '/app/.env', name: KEY, backupSuffix: '/../../etc/x' };
    expect(isAppError(await rejection(deliverToEnvFile(files, outside, 'v')), 'bad_request')).toBe(
      true,
    );
    expect(files.text('/app/.env')).toBe(`${KEY}=old\n`);
    const error = await rejection(restoreEnvFile(files, { path: '/app/.env', name: KEY }));
    expect(isAppError(error, 'no_backup')).toBe(true);
  });
});
