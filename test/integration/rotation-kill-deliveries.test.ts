// A real SIGKILL between deliveries, on the fake Flowise: a child process (the one the real-server
// kill test runs, rotation-kill-real-child.ts) rotates a key with three delivery targets, a
// checked .env file, a command that is not idempotent and a second checked .env file, and kills
// itself at each checkpoint pass of the deliver step (before and after each journal write, after
// each delivery ran, after each check ran); this process then resumes on the same vault files.
// After each: no target was delivered twice unless it is idempotent, every target holds the new
// key, the journal ends as the deliveries went, and the rotation ends as any other.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { Api } from '../../common/ipc/contract.js';
import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import type { RotationCheckpoint } from '../../main/core/rotation/rotation-checkpoints.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import { casesOf } from './rotation-kill-cases.js';
import { readLog } from './rotation-kill-core.js';
import type { LogLine } from './rotation-kill-core.js';
import { expectNoLockedOutFlow, expectRotated } from './rotation-expect.js';
import {
  bundleKillChild,
  envText,
  expectDeliveredOnce,
  journalIn,
  resumeKilled,
  runKillChild,
  storedRuns,
} from './rotation-kill-parent.js';

const BUNDLE = await bundleKillChild('child-deliveries');

interface Setup {
  flowise: FakeFlowise;
  old: FakeKey;
  dir: string;
  envFiles: [string, string];
  storeFile: string;
  log: string;
}

async function setUp(): Promise<Setup> {
  const flowise = await startFakeFlowise();
  const old = flowise.addKey('deploy', ['chatflows:view', 'apikeys:view']);
  for (const name of ['a', 'b']) flowise.addChatflow(name, { apikeyid: old.id });
  const dir = await mkdtemp(join(tmpdir(), 'fkv-kill-deliver-'));
  const envFiles: [string, string] = [join(dir, 'app.env'), join(dir, 'second.env')];
  for (const file of envFiles) await writeFile(file, envText('placeholder'), { mode: 0o600 });
  return { flowise, old, dir, envFiles, storeFile: join(dir, 'store.txt'), log: join(dir, 'log') };
}

async function tearDown(s: Setup): Promise<void> {
  await s.flowise.close();
  await rm(s.dir, { recursive: true, force: true });
}

function runChild(s: Setup, point: RotationCheckpoint | 'none', nth: number) {
  const [envFile, envFile2] = s.envFiles;
  return runKillChild(BUNDLE, [s.dir, 'deliver', point, String(nth)], {
    FKV_KILL_URL: s.flowise.url,
    FKV_KILL_ADMIN_KEY: s.flowise.adminKey,
    FKV_KILL_OLD_KEY_ID: s.old.id,
    FKV_KILL_PROBE_FLOW: [...s.flowise.state.chatflows.keys()][0] ?? '',
    FKV_KILL_LATE_FLOW: '',
    FKV_KILL_LOG: s.log,
    FKV_KILL_ENV_FILE: envFile,
    FKV_KILL_ENV_FILE2: envFile2,
    FKV_KILL_STORE_FILE: s.storeFile,
  });
}

// The cases: each checkpoint pass of the deliver step in a traced run.
const traced = await setUp();
const trace = await runChild(traced, 'none', 0);
const CASES = casesOf('deliver', readLog(traced.log));
await tearDown(traced);
if (trace.code !== 0) throw new Error(`the traced run failed: ${trace.stderr}`);

const STORE = 1;

describe('a SIGKILL between deliveries, then a new process resumes', () => {
  it('the traced run passes every delivery checkpoint once per target or check', () => {
    const passes = (point: string) => CASES.filter((c) => c.point === point).length;
    expect([passes('deliver:ran'), passes('deliver:checked')]).toEqual([3, 2]);
  });

  it.each(
    CASES.map((c) => {
      const same = c.same.length > 0 ? `, same as ${c.same.join(', ')}` : '';
      return [`${c.point} #${String(c.nth)} (after ${c.after}${same})`, c] as const;
    }),
  )('%s', { timeout: 60_000 }, async (_, c) => {
    const s = await setUp();
    try {
      const killed = await runChild(s, c.point, c.nth);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expectNoLockedOutFlow(s.flowise);
      const left = await journalIn(s.dir);
      const storeLeft = left?.deliveries?.at(STORE)?.state;
      const ranInChild = (await storedRuns(s.storeFile)).length;

      // The person, shown that the command was interrupted, looks at the store: without the new
      // key, they retry it; with it, they revoke anyway (the override names it).
      const retryEmptyStore = async (api: Api, view: RotationView): Promise<RotationView> => {
        const store = view.deliveries?.[STORE];
        if (store?.state !== 'interrupted' || (await storedRuns(s.storeFile)).length > 0)
          return view;
        return api.rotation.retryDelivery({ rotationId: view.id, targetIds: [store.id] });
      };
      const resumeLog: LogLine[] = [];
      const { view, shown } = await resumeKilled(s.dir, false, resumeLog, retryEmptyStore);
      if (view === undefined) throw new Error('no rotation after the resume');
      const value = shown ?? left?.newKey?.value ?? '';
      expectRotated(s.flowise, view, s.old, value, 1);

      // Every target holds the new key; the command ran exactly once, in the child or after.
      await expectDeliveredOnce(s.envFiles, s.storeFile, value);
      expect(await storedRuns(s.storeFile)).toHaveLength(1);

      // The journal ends as the deliveries went: the command is "interrupted" only when the kill
      // came while it ran, and it had run; the .env files are delivered and their checks passed.
      const end = await journalIn(s.dir);
      const interrupted = storeLeft === 'started' && ranInChild === 1;
      expect(end?.status).toBe('done');
      expect(end?.deliveries?.map((d) => d.state)).toEqual([
        'delivered',
        interrupted ? 'interrupted' : 'delivered',
        'delivered',
      ]);
      expect(end?.deliveries?.map((d) => d.check)).toEqual(['passed', undefined, 'passed']);
      expect(view.deliveries?.map((d) => d.state)).toEqual(end?.deliveries?.map((d) => d.state));
    } finally {
      await tearDown(s);
    }
  });
});
