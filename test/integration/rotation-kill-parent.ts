// What the parent of a killed rotation does, shared by the kill tests on the real Flowise
// (rotation-kill.real.test.ts) and on the fake (rotation-kill-deliveries.test.ts): bundle the
// child once, run it with the kill point, read the journal it left, and resume in this process
// on the same vault files, as a person would after a restart.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { build } from 'esbuild';
import { expect } from 'vitest';
import { z } from 'zod';

import type { Api } from '../../common/ipc/contract.js';
import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { Journal as JournalT } from '../../main/core/rotation/rotation-journal.js';
import { Journal } from '../../main/core/rotation/rotation-journal.js';
import { FakeClock } from '../../main/core/testing/fake-clock.js';
import {
  InMemoryKeyProtector,
  MemoryLogger,
  MemoryStateStore,
} from '../../main/core/testing/memory-ports.js';
import { createNodeVaultFileStore } from '../../main/core/vault/node-file-store.js';
import { Vault } from '../../main/core/vault/vault.js';
import { PASSWORD } from './core-fixture.js';
import type { LogLine } from './rotation-kill-core.js';
import { KDF, killableCore } from './rotation-kill-core.js';

const ROOT = join(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'rotation-kill-real-child.ts');

/** The child, bundled once per test file (`name` keeps files apart): a process starts in a
 * fraction of the time tsx takes to compile it. Returns the bundle's path. */
export async function bundleKillChild(name: string): Promise<string> {
  const outfile = join(ROOT, `node_modules/.cache/fkv-kill-real/${name}.mjs`);
  await build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the bundled child: `args` are its argv, `env` its FKV_KILL_* settings (the keys stay out
 * of the process list). */
export function runKillChild(
  bundle: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      resolve({ code, signal, stderr });
    });
  });
}

/** The journal as the vault in `dir` holds it, values included; undefined before the first save. */
export async function journalIn(dir: string): Promise<JournalT | undefined> {
  const vault = new Vault({
    files: createNodeVaultFileStore(dir),
    protector: new InMemoryKeyProtector(),
    state: new MemoryStateStore(),
    clock: new FakeClock(Date.now()),
    logger: new MemoryLogger(),
    kdf: KDF,
  });
  await vault.unlock(PASSWORD, { allowRollback: true });
  const section = vault.readSection('rotations', z.object({ rotations: z.array(Journal) }));
  vault.lock();
  return section?.rotations[0];
}

export interface Resumed {
  view: RotationView | undefined;
  /** The new key's value, shown after the resume. */
  shown: string | undefined;
  /** The fingerprint of the admin key the vault stores for the instance at the end. */
  stored: string | undefined;
}

/**
 * Resumes in this process what the killed child left in `dir` (a rollback scenario rolls back);
 * forward, it shows the new key, lets `beforeRevoke` act as the person would on what the
 * deliveries say, and revokes, overriding what still holds revoke back.
 */
export async function resumeKilled(
  dir: string,
  rollback: boolean,
  log: LogLine[],
  beforeRevoke: (api: Api, view: RotationView) => Promise<RotationView> = (_, view) =>
    Promise.resolve(view),
): Promise<Resumed> {
  const { core, api } = killableCore(dir, (line) => log.push(line));
  try {
    await api.vault.unlock({ password: PASSWORD, allowRollback: true });
    const [instance] = (await api.instances.list()).instances;
    const instanceId = instance?.id ?? '';
    // The key the vault stores still manages the instance, whatever the kill interrupted.
    await api.keys.list({ instanceId });
    const all = (await api.rotation.list()).rotations;
    const open = all.filter((r) => r.unfinished);
    expect(open.length).toBeLessThanOrEqual(1);
    let view: RotationView | undefined = open[0] ?? all[0];
    let shown: string | undefined;
    const redeem = async (v: RotationView) => {
      if (v.ticket !== undefined) shown = (await api.keys.reveal({ ticket: v.ticket })).value;
    };
    if (view?.unfinished === true) {
      const rotationId = view.id;
      if (rollback)
        view = view.rollingBack
          ? await api.rotation.resume({ rotationId })
          : await api.rotation.rollback({ rotationId });
      else {
        view = await api.rotation.resume({ rotationId });
        await redeem(view);
        if (view.status === 'waiting') {
          if (shown === undefined)
            await redeem(await api.rotation.reveal({ rotationId, password: PASSWORD }));
          view = await beforeRevoke(api, view);
          // A command target stopped mid-run is not run again; the person then revokes anyway.
          const blockers = view.revokeBlockers ?? [];
          view = await api.rotation.revoke(
            blockers.length === 0 ? { rotationId } : { rotationId, override: blockers.join('; ') },
          );
        }
      }
    }
    const stored = (await api.instances.list()).instances[0]?.adminKeyFingerprint;
    if (view?.status === 'done') await api.keys.list({ instanceId });
    return { view, shown, stored };
  } finally {
    await core.shutdown();
  }
}

/** The lines the deliver scenario's command appended to its store file: one per run. */
export async function storedRuns(storeFile: string): Promise<string[]> {
  const stored = await readFile(storeFile, 'utf8').catch(() => '');
  return stored.split('\n').filter((line) => line !== '');
}

/** A .env file of the deliver scenario, before and after: its comment kept, the key replaced. */
export const envText = (value: string): string => `# the app\nFLOWISE_API_KEY=${value}\n`;

/** The .env files hold the new key; the command that is not idempotent ran at most once, and if
 * it ran, with the new key. */
export async function expectDeliveredOnce(
  envFiles: readonly string[],
  storeFile: string,
  value: string,
): Promise<void> {
  for (const file of envFiles) expect(await readFile(file, 'utf8')).toBe(envText(value));
  const runs = await storedRuns(storeFile);
  expect(runs.length).toBeLessThanOrEqual(1);
  for (const got of runs) expect(got).toBe(value);
}
