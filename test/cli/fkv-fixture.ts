// The real fkv binary (bin/fkv.js, from source) run as a child process against a vault that the
// loopback harness's core made: the same core, files and state.json layout as `npm run start:web`.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Api } from '../../common/ipc/contract.js';
import type { KeyInput, TargetDraft } from '../../common/ipc/schemas/delivery.js';
import { KDF_MINIMUM } from '../../main/core/vault/kdf.js';
import type { FakeFlowise } from '../fakes/fake-flowise.js';
import type { Harness } from '../harness/harness-server.js';
import { startHarness } from '../harness/harness-server.js';
import { inProcessApi } from '../integration/in-process-api.js';

export const FKV_BIN = resolve(import.meta.dirname, '../../bin/fkv.js');
export const PASSWORD = 'correct horse battery staple';

export interface FkvResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface FkvRun {
  /** Written to stdin, which then closes; stdin is an empty pipe without it (never a TTY). */
  input?: string;
  env?: Record<string, string | undefined>;
  /** The run's stdout is the documented reveal (keys create): left out of the transcript. */
  reveal?: boolean;
  /** Node's own options, before bin/fkv.js (e.g. --import a test probe). */
  nodeArgs?: readonly string[];
}

/** Every run's stdout and stderr, for the secret scan (test/harness/secret-scan.ts). */
export const transcript: { where: string; text: string }[] = [];

/** The environment every run starts from: no display (so no clipboard command), source mode. */
export function fkvEnv(vault: string, extra: Record<string, string | undefined> = {}) {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    FKV_CLI_SOURCE: '1',
    FKV_VAULT: vault,
    ...extra,
  }))
    if (value !== undefined) env[name] = value;
  return env;
}

export interface StartedFkv {
  child: ChildProcessWithoutNullStreams;
  done: Promise<FkvResult>;
}

/** Starts fkv and returns at once: for a test that signals it mid-command. */
export function startFkv(vault: string, args: readonly string[], run: FkvRun = {}): StartedFkv {
  const child = spawn(process.execPath, [...(run.nodeArgs ?? []), FKV_BIN, ...args], {
    env: fkvEnv(vault, run.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = new Promise<FkvResult>((resolve, fail) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const where = `fkv ${args.join(' ')}`;
      transcript.push({ where: `${where} (stderr)`, text: stderr });
      if (run.reveal !== true) transcript.push({ where: `${where} (stdout)`, text: stdout });
      resolve({ code, stdout, stderr });
    });
  });
  child.stdin.end(run.input);
  return { child, done };
}

export function runFkv(
  vault: string,
  args: readonly string[],
  run: FkvRun = {},
): Promise<FkvResult> {
  return startFkv(vault, args, run).done;
}

export interface VaultFolder {
  dir: string;
  harness: Harness;
  /** The harness core's Api, the app's side of the shared vault. */
  api: Api;
  /** Locks the harness core, so fkv is the vault's only writer until `open` unlocks it again. */
  release(): void;
  open(): Promise<void>;
  close(): Promise<void>;
}

/** A vault made by the harness core at the app's minimum KDF cost (fkv opens it as the app would:
 * a lower cost is refused as tampered), then left locked for fkv. */
export async function makeVault(): Promise<VaultFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'fkv-cli-'));
  const harness = await startHarness({
    dataDir: dir,
    clock: 'system',
    kdf: { params: KDF_MINIMUM },
  });
  const api = inProcessApi(harness.core, harness.events);
  await api.vault.create({ password: PASSWORD });
  return {
    dir,
    harness,
    api,
    release: () => {
      harness.core.lock('manual');
    },
    open: async () => {
      await api.vault.unlock({ password: PASSWORD });
    },
    close: async () => {
      await harness.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Adds the fake Flowise as instance "fake" through the harness core; its id. */
export async function addFakeInstance(vault: VaultFolder, flowise: FakeFlowise): Promise<string> {
  const added = await vault.api.instances.add({
    name: 'fake',
    baseUrl: flowise.url,
    adminKey: flowise.adminKey,
  });
  return added.id;
}

/** A command target (through /bin/sh, a test's stand-in) that keeps what it reads on stdin in
 * `file`: the key itself when it comes on stdin. */
export function catTarget(
  label: string,
  file: string,
  key: KeyInput,
  timeoutSeconds: number,
): TargetDraft {
  return {
    label,
    target: {
      kind: 'command',
      run: {
        steps: [{ executable: '/bin/sh', args: ['-c', 'cat > "$0"', file] }],
        key,
        timeoutSeconds,
      },
      idempotent: true,
    },
  };
}

/** Saves delivery targets on a key, as a person does in the app (with the master password). */
export async function addTargets(
  vault: VaultFolder,
  key: { instanceId: string; keyId: string },
  drafts: readonly TargetDraft[],
): Promise<void> {
  await vault.open();
  try {
    await vault.api.keys.list({ instanceId: key.instanceId });
    for (const draft of drafts) await vault.api.delivery.add({ ...key, password: PASSWORD, draft });
  } finally {
    vault.release();
  }
}
