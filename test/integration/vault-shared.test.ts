// The desktop app and a second process (as the fkv command line) change one vault at the same
// time: the harness core here, a child core (vault-shared-child.ts) there, 200 changes in all,
// first in alternation, then both at once. No change is lost, the file opens after every change
// and during the race, and the audit chain verifies with every record present.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Api } from '../../common/ipc/contract.js';
import type { Core } from '../../main/core/create-core.js';
import { createDiskCore, NO_NETWORK, vaultOpens } from './disk-core.js';
import { sharedDraft } from './vault-shared-draft.js';

const PASSWORD = 'a long enough password';
const CHILD = join(import.meta.dirname, 'vault-shared-child.ts');
const REPO = join(import.meta.dirname, '..', '..');
/** Per process and phase: 2 processes × 2 phases × 50 = 200 changes. */
const EACH = 50;

function harnessCore(dir: string): { core: Core; api: Api } {
  return createDiskCore(dir, { http: NO_NETWORK, osUser: 'app' });
}

/** The child core, spoken to one line at a time. */
function startChild(dir: string) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dir],
    { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const answers: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next === undefined) answers.push(line);
    else next(line);
  });
  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => {
      resolve();
    });
  });
  return {
    async ask(line: string): Promise<string> {
      child.stdin.write(`${line}\n`);
      const early = answers.shift();
      if (early !== undefined) return early;
      return Promise.race([
        new Promise<string>((resolve) => waiting.push(resolve)),
        exited.then(() => `exited: ${stderr}`),
      ]);
    },
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fkv-shared-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the app and the CLI on one vault', () => {
  it('change it 200 times in alternation and at once: no change lost, the file always opens, the audit chain whole', async () => {
    const app = harnessCore(dir);
    await app.api.vault.create({ password: PASSWORD });
    const cli = startChild(dir);
    try {
      expect(await cli.ask(PASSWORD)).toBe('ok unlocked');

      const unopened: string[] = [];
      for (let i = 0; i < EACH; i++) {
        await app.api.instances.add(sharedDraft(`app-${i}`));
        if (!(await vaultOpens(dir, PASSWORD))) unopened.push(`app-${i}`);
        expect(await cli.ask(`add cli-${i}`)).toBe(`ok cli-${i}`);
        if (!(await vaultOpens(dir, PASSWORD))) unopened.push(`cli-${i}`);
      }
      expect(unopened).toEqual([]);

      const race = { on: true };
      const reads = { opened: 0, failed: 0 };
      const reader = (async () => {
        while (race.on) {
          if (await vaultOpens(dir, PASSWORD)) reads.opened++;
          else reads.failed++;
        }
      })();
      const cliBurst = cli.ask(`burst cli+ ${EACH}`);
      for (let i = 0; i < EACH; i++) await app.api.instances.add(sharedDraft(`app+-${i}`));
      expect(await cliBurst).toBe('ok cli+');
      race.on = false;
      await reader;
      expect(reads).toMatchObject({ failed: 0 });
      expect(reads.opened).toBeGreaterThan(0);

      expect(await cli.ask('quit')).toBe('ok quit');
      await cli.exited;
      await app.core.shutdown();
    } finally {
      cli.kill();
    }

    const fresh = harnessCore(dir);
    await fresh.api.vault.unlock({ password: PASSWORD, allowRollback: true });
    const names = (await fresh.api.instances.list()).instances.map((i) => i.name);
    const expected = ['app', 'cli'].flatMap((who) =>
      Array.from({ length: EACH }, (_, i) => [`${who}-${i}`, `${who}+-${i}`]).flat(),
    );
    expect(names).toHaveLength(4 * EACH);
    expect(new Set(names)).toEqual(new Set(expected));
    const verified = await fresh.api.audit.verify();
    expect(verified).toMatchObject({ ok: true });
    const added = await fresh.api.audit.list({ action: 'instance.add', limit: 10_000 });
    expect(added.total).toBe(4 * EACH);
    expect(new Set(added.records.map((r) => r.instanceName))).toEqual(new Set(expected));
    expect(new Set(added.records.map((r) => r.osUser))).toEqual(new Set(['app', 'cli']));
    await fresh.core.shutdown();
  }, 240_000);
});
