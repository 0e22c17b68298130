import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { freePort, spawnServer } from './server-process.js';

// A stand-in server: answers HTTP, has a child of its own, and may ignore SIGTERM.
const SERVER = `
const { spawn } = require('node:child_process');
const http = require('node:http');
const kid = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.env.KID_FILE, String(kid.pid));
if (process.env.STUBBORN) process.on('SIGTERM', () => {});
http.createServer((_, res) => res.end('pong')).listen(Number(process.env.PORT), '127.0.0.1');
console.log('listening');
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(script: string, extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fkv-proc-'));
  dirs.push(dir);
  const port = await freePort();
  const kidFile = join(dir, 'kid.pid');
  const server = spawnServer({
    command: process.execPath,
    args: ['-e', script],
    cwd: dir,
    env: { PATH: process.env['PATH'], PORT: String(port), KID_FILE: kidFile, ...extraEnv },
    logFile: join(dir, 'server.log'),
  });
  return { server, url: `http://127.0.0.1:${port}/`, kidFile, logFile: join(dir, 'server.log') };
}

describe('spawnServer', () => {
  it('waits for the answer, logs to the file, and stop() ends the whole group', async () => {
    const { server, url, kidFile, logFile } = await start(SERVER);
    await server.waitUntilAnswering(url, 10_000);
    const kid = Number(readFileSync(kidFile, 'utf8'));
    expect(alive(kid)).toBe(true);
    expect(readFileSync(logFile, 'utf8')).toContain('listening');
    await server.stop();
    expect(alive(server.pid)).toBe(false);
    expect(alive(kid)).toBe(false);
  });

  it('kills a server that ignores SIGTERM once the grace time is over', async () => {
    const { server, url, kidFile } = await start(SERVER, { STUBBORN: '1' });
    await server.waitUntilAnswering(url, 10_000);
    const kid = Number(readFileSync(kidFile, 'utf8'));
    await server.stop(300);
    expect(alive(server.pid)).toBe(false);
    expect(alive(kid)).toBe(false);
  });

  it('gives up at once when the server exits before answering', async () => {
    const { server, url } = await start('process.exit(3)');
    await expect(server.waitUntilAnswering(url, 10_000)).rejects.toThrow(/exited \(code 3\)/);
    expect(server.exited()).toBe(true);
    await server.stop();
  });

  it('gives up when nothing answers in time', async () => {
    const { server, url } = await start('setInterval(() => {}, 1000)');
    await expect(server.waitUntilAnswering(url, 500)).rejects.toThrow(/no answer/);
    await server.stop();
    expect(alive(server.pid)).toBe(false);
  });
});
