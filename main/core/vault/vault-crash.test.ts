// Kills a process that is saving in a loop at a random moment, then checks that the vault opens
// and holds either the last save the process reported or the one it was writing.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { FakeClock } from '../testing/fake-clock.js';
import { InMemoryKeyProtector, MemoryLogger, MemoryStateStore } from '../testing/memory-ports.js';
import { createNodeVaultFileStore } from './node-file-store.js';
import { PASSWORD, TINY_KDF } from './testing/vault-fixture.js';
import { Vault } from './vault.js';

const CHILD = join(import.meta.dirname, 'testing', 'crash-child.ts');
const REPO = join(import.meta.dirname, '..', '..', '..');
const RUNS = 15;
const SAVES = 200;
const Saved = z.object({ i: z.number(), entries: z.array(z.object({ id: z.string() })) });

const vaultAt = (dir: string): Vault =>
  new Vault({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(),
    logger: new MemoryLogger(),
    kdf: { params: TINY_KDF },
  });

interface Outcome {
  acked: number;
  finished: boolean;
}

/** Runs the child and SIGKILLs it once `killAfter` saves are acknowledged, plus a random delay. */
function runAndKill(dir: string, killAfter: number, extraMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(SAVES)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = 0;
    let finished = false;
    let armed = true;
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'done') finished = true;
        else if (/^\d+$/.test(line)) acked = Number(line);
      }
      if (armed && acked >= killAfter) {
        armed = false;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed: ${stderr}`));
      else resolve({ acked, finished });
    });
  });
}

describe('Vault under SIGKILL', () => {
  for (let run = 1; run <= RUNS; run++) {
    // Spread kills over the whole run; the extra delay lands them at any point inside a write.
    const killAfter = Math.floor(Math.random() * SAVES);
    const extraMs = Math.floor(Math.random() * 5);
    it(`run ${run}: killed after save ${killAfter} + ${extraMs} ms, reopens intact`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'fkv-crash-'));
      try {
        const seed = vaultAt(dir);
        await seed.create(PASSWORD);
        await seed.writeSection('crash', { i: 0, entries: [] });
        seed.lock();

        const { acked, finished } = await runAndKill(dir, killAfter, extraMs);
        const vault = vaultAt(dir);
        // Each process here starts with empty app state, as on a new installation.
        await vault.unlock(PASSWORD, { allowRollback: true });
        const saved = vault.readSection('crash', Saved);
        expect(saved).toBeDefined();
        if (finished) expect(saved!.i).toBe(SAVES);
        else expect([acked, acked + 1]).toContain(saved!.i);
        // The reopened vault can save again, which also clears any temp file the kill left.
        await vault.writeSection('after', true);
        expect((await readdir(dir)).sort()).toEqual(['vault.fkv', 'vault.fkv.bak']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 20_000);
  }
});
