// fkv stopped by SIGINT (Ctrl+C) or SIGTERM in the middle of a command, while it holds the vault
// unlocked and waits on a Flowise request that never answers: it locks, exits 130 or 143, and
// every key buffer the core was handed (the data key, the key derived from the master password) is
// all zeros by the end. The child runs with a test-only probe (zero-probe/register.ts) that keeps
// references to those very buffers and reports on them as the process exits.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakeFlowise } from '../fakes/fake-flowise.js';
import { startFakeFlowise } from '../fakes/fake-flowise.js';
import type { VaultFolder } from './fkv-fixture.js';
import { addFakeInstance, makeVault, PASSWORD, startFkv } from './fkv-fixture.js';
import type { HeldReport } from './zero-probe/held.js';

const PROBE = join(import.meta.dirname, 'zero-probe', 'register.ts');

let vault: VaultFolder;
let flowise: FakeFlowise;
let reports: string;

beforeAll(async () => {
  flowise = await startFakeFlowise();
  vault = await makeVault();
  await addFakeInstance(vault, flowise);
  vault.release();
  reports = await mkdtemp(join(tmpdir(), 'fkv-zero-'));
}, 60_000);

afterAll(async () => {
  await vault.close();
  await flowise.close();
  await rm(reports, { recursive: true, force: true });
});

describe('fkv stopped by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'on %s mid-command exits %i with the data key and the password-derived key zeroed',
    async (signal, code) => {
      const report = join(reports, `${signal}.json`);
      flowise.fault({ path: /./, hang: true });
      const before = flowise.log.length;
      const fkv = startFkv(vault.dir, ['keys', 'list', '--instance', 'fake', '--password-stdin'], {
        input: `${PASSWORD}\n`,
        nodeArgs: ['--import', 'tsx', '--import', PROBE],
        env: { FKV_ZERO_REPORT: report },
      });
      try {
        // Unlocked, and at work on the server: the request hangs until the signal.
        await flowise.received(before + 1);
        fkv.child.kill(signal);
        const result = await fkv.done;
        expect(result.code, result.stderr).toBe(code);
      } finally {
        flowise.clearFaults();
        fkv.child.kill('SIGKILL');
      }
      const held = JSON.parse(await readFile(report, 'utf8')) as HeldReport[];
      expect(new Set(held.map((h) => h.what))).toEqual(
        new Set(['data key', 'password-derived key']),
      );
      expect(held.every((h) => h.wasSet)).toBe(true);
      expect(held.filter((h) => !h.zero)).toEqual([]);
    },
    60_000,
  );
});
