import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { LogFields } from '../core/ports.js';
import { createFileLogger } from './file-logger.js';

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('createFileLogger', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fkv-log-'));
    file = join(dir, 'logs', 'main.log');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one JSON line per entry with the message and scalar fields only', async () => {
    const logger = createFileLogger(file, () => new Date('2030-01-02T03:04:05Z'));
    logger.info('vault unlocked');
    logger.warn('refused IPC call', {
      channel: 'vault.unlock',
      count: 2,
      ok: false,
      // A cast must not smuggle objects or errors into the file.
      args: { password: 'hunter2' },
      error: new Error('hunter2'),
    } as unknown as LogFields);
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l): unknown => JSON.parse(l));
    expect(lines).toEqual([
      { time: '2030-01-02T03:04:05.000Z', level: 'info', message: 'vault unlocked', fields: {} },
      {
        time: '2030-01-02T03:04:05.000Z',
        level: 'warn',
        message: 'refused IPC call',
        fields: { channel: 'vault.unlock', count: 2, ok: false },
      },
    ]);
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
  });

  posixOnly('creates the file 0600 and tightens an existing one', async () => {
    createFileLogger(file).info('first');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await rm(file);
    await writeFile(file, '', { mode: 0o644 });
    createFileLogger(file).info('again');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
