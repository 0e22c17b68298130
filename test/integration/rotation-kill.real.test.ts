// A real SIGKILL at every checkpoint of a rotation (ROTATION_CHECKPOINTS, each pass of each one),
// against the real Flowise: a child process rotates a key bound to two flows and kills itself
// there; this process opens the same vault files and resumes (or carries on the rollback). The
// cases come from a traced run of each scenario, so a new checkpoint gets its kill cases by itself,
// and a checkpoint no scenario reaches fails the coverage test. After the kill and at the end: no
// flow of the test is bound to a key the server does not have; while the rotation is unfinished
// the vault holds the value of the replacement the server has; the replacement is created once and
// the old key deleted exactly once, or, after a rollback, never, with every flow back on it.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { fingerprint } from '../../main/core/flowise/mask.js';
import type { RotationCheckpoint } from '../../main/core/rotation/rotation-checkpoints.js';
import { ROTATION_CHECKPOINTS } from '../../main/core/rotation/rotation-checkpoints.js';
import { isFinished } from '../../main/core/rotation/rotation-journal.js';
import { flowiseRest } from '../flowise/flowise-rest.js';
import type { LogLine } from './rotation-kill-core.js';
import { readLog } from './rotation-kill-core.js';
import { SCENARIOS, casesOf, limited } from './rotation-kill-cases.js';
import type { Scenario } from './rotation-kill-cases.js';
import {
  bundleKillChild,
  envText,
  expectDeliveredOnce,
  journalIn,
  resumeKilled,
  runKillChild,
} from './rotation-kill-parent.js';

const flowise = inject('flowise');
const ENGINE = join(import.meta.dirname, '../../main/core/rotation');

interface KeyRow {
  id: string;
  keyName: string;
  apiKey: string;
  permissions?: string[];
}

const { call: rest, createFlow } = flowiseRest(flowise);

const listKeys = () => rest<KeyRow[]>('GET', '/apikey');
/** The key each flow is bound to, as the server lists them (one request). */
async function boundKeys(): Promise<Map<string, string | null>> {
  const rows = await rest<{ id: string; apikeyid?: string | null }[]>('GET', '/chatflows');
  return new Map(rows.map((r) => [r.id, r.apikeyid ?? null]));
}

/** A key and its flows on the server, made for one run, and the folder of its vault. */
interface Setup {
  scenario: Scenario;
  old: KeyRow;
  /** The instance's admin key: the harness key, or in the admin scenario the rotated key. */
  adminKey: string;
  flows: string[];
  late: string;
  dir: string;
  log: string;
  /** The deliver scenario's targets: a .env file, and the file its command appends each key to. */
  envFile: string;
  storeFile: string;
}

let made = 0;
/** Sets of three flows, reused from case to case (rebound at each set-up), deleted at the end. */
const freeFlows: string[][] = [];
const allFlows: string[] = [];
let harnessPermissions: string[] | undefined;

async function flowSet(tag: string): Promise<string[]> {
  const free = freeFlows.pop();
  if (free !== undefined) return free;
  const set: string[] = [];
  for (const i of [1, 2, 3]) {
    const flow = await createFlow(`${tag}-flow-${String(i)}`, 'pong');
    set.push(flow.id);
    allFlows.push(flow.id);
  }
  return set;
}

async function setUp(scenario: Scenario): Promise<Setup> {
  const tag = `fkv-kill-${scenario}-${randomUUID().slice(0, 8)}`;
  made += 1;
  const admin = scenario.startsWith('admin');
  harnessPermissions ??= (await listKeys()).find((k) => k.apiKey === flowise.apiKey)?.permissions;
  const permissions = admin ? (harnessPermissions ?? []) : ['chatflows:view', 'apikeys:view'];
  const rows = await rest<KeyRow[]>('POST', '/apikey', { keyName: tag, permissions });
  const old = rows.find((k) => k.keyName === tag);
  if (old === undefined) throw new Error('the key was not created');
  const [a = '', b = '', c = ''] = await flowSet(tag);
  for (const id of [a, b]) await rest('PUT', `/chatflows/${id}`, { apikeyid: old.id });
  await rest('PUT', `/chatflows/${c}`, { apikeyid: null });
  const dir = await mkdtemp(join(tmpdir(), 'fkv-kill-real-'));
  const envFile = join(dir, 'app.env');
  await writeFile(envFile, envText('placeholder'), { mode: 0o600 });
  return {
    scenario,
    old,
    adminKey: admin ? old.apiKey : flowise.apiKey,
    flows: [a, b],
    // Bound to the old key during grace by the rotate scenario; left unbound otherwise.
    late: c,
    dir,
    log: join(dir, 'kill.log'),
    envFile,
    storeFile: join(dir, 'store.txt'),
  };
}

async function tearDown(s: Setup): Promise<void> {
  const ours = (await listKeys()).filter((k) => k.keyName.startsWith(s.old.keyName));
  for (const key of ours) await rest('DELETE', `/apikey/${key.id}`).catch(() => undefined);
  freeFlows.push([...s.flows, s.late]);
  await rm(s.dir, { recursive: true, force: true });
}

function runChild(s: Setup, point: RotationCheckpoint | 'none', nth: number) {
  return runKillChild(CHILD_BUNDLE, [s.dir, s.scenario, point, String(nth)], {
    FKV_KILL_URL: flowise.url,
    FKV_KILL_ADMIN_KEY: s.adminKey,
    FKV_KILL_HARNESS_KEY: flowise.apiKey,
    FKV_KILL_OLD_KEY_ID: s.old.id,
    FKV_KILL_PROBE_FLOW: s.flows[0] ?? '',
    FKV_KILL_LATE_FLOW: s.scenario === 'rotate' ? s.late : '',
    FKV_KILL_LOG: s.log,
    FKV_KILL_ENV_FILE: s.envFile,
    FKV_KILL_STORE_FILE: s.storeFile,
  });
}

const began = performance.now();
const CHILD_BUNDLE = await bundleKillChild('child');

// The traces: one full run of each scenario, two at a time, before the cases are declared.
const traces = await Promise.all(
  SCENARIOS.map((scenario) =>
    limited(async () => {
      const s = await setUp(scenario);
      try {
        const run = await runChild(s, 'none', 0);
        if (run.code !== 0) throw new Error(`the ${scenario} trace failed: ${run.stderr}`);
        return casesOf(scenario, readLog(s.log));
      } finally {
        await tearDown(s);
      }
    }),
  ),
);
const CASES = traces.flat();

/** No flow of the test is bound to a key the server does not have. */
async function expectNoLockedOutFlow(s: Setup): Promise<void> {
  const keys = new Set((await listKeys()).map((k) => k.id));
  const bound = await boundKeys();
  const locked = [...s.flows, s.late].filter((id) => {
    const key = bound.get(id);
    return key != null && key !== '' && !keys.has(key);
  });
  expect(locked).toEqual([]);
}

// By the suffix, or by the old key's name, which the replacement takes once the old key is gone.
const replacementsOf = async (s: Setup) =>
  (await listKeys()).filter(
    (k) =>
      k.keyName.startsWith(`${s.old.keyName} (rotation `) ||
      (k.keyName === s.old.keyName && k.id !== s.old.id),
  );

const sent = (log: readonly LogLine[], method: string, path: string) =>
  log.filter((l) => l.t === 'req' && l.method === method && l.path.endsWith(path)).length;

const covered = new Set<string>();
/** Every checkpoint a case kills at, itself or as the same state. */
const KILLED = new Set(CASES.flatMap((c) => [c.point, ...c.same.map((x) => x.split(' ')[0])]));
afterAll(async () => {
  for (const id of allFlows) await rest('DELETE', `/chatflows/${id}`).catch(() => undefined);
  const points = KILLED;
  console.log(
    `rotation kill points covered: ${String(points.size)} of ${String(ROTATION_CHECKPOINTS.length)} (${String(CASES.length)} kill cases, ${String(covered.size)} passed, ${String(made)} setups, ${String(Math.round((performance.now() - began) / 1000))} s)`,
  );
});

describe('every checkpoint of the engine has kill cases', () => {
  it('each checkpoint in ROTATION_CHECKPOINTS is passed by a traced scenario, so it is killed at', () => {
    expect(ROTATION_CHECKPOINTS.filter((p) => !KILLED.has(p))).toEqual([]);
  });

  it('each checkpoint named in the engine source is in ROTATION_CHECKPOINTS, and each one listed is used there', () => {
    const sources = readdirSync(ENGINE)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => f !== 'rotation-checkpoints.ts')
      .map((f) => readFileSync(join(ENGINE, f), 'utf8'));
    const text = sources.join('\n');
    const called = [...text.matchAll(/\b(?:hook|at)\(\s*'([^']+)'/g)].map((m) => m[1] ?? '');
    expect(called.length).toBeGreaterThan(10);
    const listed = new Set<string>(ROTATION_CHECKPOINTS);
    expect(called.filter((p) => !listed.has(p))).toEqual([]);
    expect(ROTATION_CHECKPOINTS.filter((p) => !text.includes(`'${p}'`))).toEqual([]);
  });
});

describe.concurrent('a SIGKILL at a checkpoint, then a new process resumes', () => {
  it.each(
    CASES.map((c) => {
      const same = c.same.length > 0 ? `, same as ${c.same.join(', ')}` : '';
      return [`${c.scenario}: ${c.point} #${String(c.nth)} (after ${c.after}${same})`, c] as const;
    }),
  )('%s', { timeout: 120_000 }, (_, c) =>
    limited(async () => {
      const s = await setUp(c.scenario);
      try {
        const killed = await runChild(s, c.point, c.nth);
        expect(killed.signal, killed.stderr).toBe('SIGKILL');
        const childLog = readLog(s.log);
        await expectNoLockedOutFlow(s);

        // While the rotation is unfinished, a replacement the server has is in the vault with
        // its value; only right after it was posted may the journal not know it yet.
        const journal = await journalIn(s.dir);
        const fresh = await replacementsOf(s);
        expect(fresh.length).toBeLessThanOrEqual(1);
        if (journal !== undefined && !isFinished(journal))
          for (const row of fresh)
            if (journal.newKey === undefined) expect([c.point, c.after]).toContain('create:posted');
            else expect([journal.newKey.id, journal.newKey.value]).toEqual([row.id, row.apiKey]);

        const resumeLog: LogLine[] = [];
        const { view, shown, stored } = await resumeKilled(
          s.dir,
          s.scenario.endsWith('rollback'),
          resumeLog,
        );
        const log = [...childLog, ...resumeLog];
        await expectNoLockedOutFlow(s);
        const [end] = await replacementsOf(s);
        const keys = new Set((await listKeys()).map((k) => k.id));
        const lateBound =
          s.scenario === 'rotate' && childLog.some((l) => l.t === 'phase' && l.name === 'grace');

        const bound = await boundKeys();
        if (view === undefined || view.status === 'rolled_back') {
          // Killed before the first journal save, or rolled back: as if nothing happened.
          expect(view === undefined || s.scenario.endsWith('rollback')).toBe(true);
          expect(end).toBeUndefined();
          expect(keys.has(s.old.id)).toBe(true);
          expect(sent(log, 'DELETE', `/apikey/${s.old.id}`)).toBe(0);
          expect(s.flows.map((id) => bound.get(id))).toEqual(s.flows.map(() => s.old.id));
          if (s.scenario === 'admin-rollback') expect(stored).toBe(fingerprint(s.old.apiKey));
          covered.add(`${c.scenario}:${c.point}:${String(c.nth)}`);
          return;
        }
        expect(s.scenario, `ended ${view.status}: ${view.error?.message ?? ''}`).not.toMatch(
          /rollback/,
        );
        expect(view.status, view.error?.message).toBe('done');
        expect(end?.id).toBe(view.newKey?.id);
        expect(keys.has(s.old.id)).toBe(false);
        expect(sent(log, 'DELETE', `/apikey/${s.old.id}`)).toBe(1);
        expect(sent(log, 'POST', '/apikey')).toBe(1);
        // The new key's value was never lost: shown after the resume, or held by the journal
        // (a rotation that ended in the child had shown it there).
        if (journal === undefined || !isFinished(journal)) {
          const held = journal?.newKey?.id === end?.id ? journal?.newKey?.value : undefined;
          expect(shown ?? held).toBe(end?.apiKey);
        }
        const moved = [...s.flows, ...(lateBound ? [s.late] : [])];
        expect(moved.map((id) => bound.get(id))).toEqual(moved.map(() => end?.id));
        if (s.scenario === 'admin') expect(stored).toBe(fingerprint(end?.apiKey ?? ''));
        if (s.scenario === 'deliver')
          await expectDeliveredOnce([s.envFile], s.storeFile, end?.apiKey ?? '');
        covered.add(`${c.scenario}:${c.point}:${String(c.nth)}`);
      } finally {
        await tearDown(s);
      }
    }),
  );
});
