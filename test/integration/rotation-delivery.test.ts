// The deliver step of a rotation, through the core and its contract against the fake Flowise: a
// .env target and a command target get the new key between reveal and grace, checks gate revoke,
// rollback puts the targets back, and a crash between deliveries resumes without running a
// target that is not idempotent twice.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parse } from 'dotenv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { TargetDraft } from '../../common/ipc/schemas/delivery.js';
import { MemoryTargetFiles } from '../../main/core/delivery/testing/memory-target-files.js';
import type {
  CommandConfirmRequest,
  CommandPort,
  CommandRunRequest,
} from '../../main/core/ports.js';
import type { FakeKey } from '../fakes/fake-flowise-state.js';
import { PASSWORD } from './core-fixture.js';
import type { RotationFixture } from './rotation-fixture.js';
import { startRotationFixture } from './rotation-fixture.js';

const ENV = '/srv/chat/.env';
const ENV_TEXT = '# chat app\nexport PORT=3000\nFLOWISE_API_KEY=placeholder # rotated\n';

let f: RotationFixture;
let old: FakeKey;
let files: MemoryTargetFiles;
let runs: CommandRunRequest[];
let failCommand: boolean;
/** Every confirmation main asked for, and the answer the person gives. */
let asked: CommandConfirmRequest[];
let answer: boolean;
let checkServer: Server;
let checkUrl: string;

/** Runs once, right after the next command has run. */
let afterRun: (() => void) | undefined;

const commands: CommandPort = {
  cwd: '/home/op',
  run: (request) => {
    runs.push(request);
    const after = afterRun;
    afterRun = undefined;
    after?.();
    const exit = failCommand ? 1 : 0;
    return Promise.resolve({
      exitCodes: request.steps.map(() => exit),
      startErrors: request.steps.map(() => null),
      timedOut: false,
      stdout: `got ${request.stdin}`,
      stderr: '',
    });
  },
};

beforeEach(async () => {
  files = new MemoryTargetFiles();
  files.put(ENV, ENV_TEXT, 0o640);
  runs = [];
  failCommand = false;
  asked = [];
  answer = true;
  const confirmCommand = {
    confirm: (request: CommandConfirmRequest) => {
      asked.push(request);
      return Promise.resolve(answer);
    },
  };
  f = await startRotationFixture({}, { targetFiles: files, commands, confirmCommand });
  old = f.flowise.addKey('deploy', ['chatflows:view']);
  f.flowise.addChatflow('support', { apikeyid: old.id });
  // The app's health check: 200 only for the key Flowise currently holds under the new key's id.
  checkServer = createServer((req, res) => {
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const known = [...f.flowise.state.keys.values()].find((k) => k.apiKey === bearer);
    res.statusCode = known !== undefined && known.id !== old.id ? 200 : 401;
    res.end();
  });
  await new Promise<void>((resolve) => checkServer.listen(0, '127.0.0.1', resolve));
  checkUrl = `http://127.0.0.1:${String((checkServer.address() as AddressInfo).port)}/health`;
});
afterEach(async () => {
  await new Promise((resolve) => checkServer.close(resolve));
  await f.close();
});

function envDraft(): TargetDraft {
  return {
    label: 'chat app',
    target: { kind: 'env-file', path: ENV, name: 'FLOWISE_API_KEY' },
    check: { kind: 'http', method: 'GET', url: checkUrl, expectStatus: 200 },
  };
}

const commandDraft = (idempotent: boolean): TargetDraft => ({
  label: 'secret store',
  target: {
    kind: 'command',
    run: {
      steps: [{ executable: 'vault', args: ['kv', 'put', 'apps/chat', 'KEY=-'] }],
      key: { via: 'stdin' },
      timeoutSeconds: 30,
    },
    idempotent,
    rollback: {
      steps: [{ executable: 'vault', args: ['kv', 'rollback', 'apps/chat'] }],
      key: { via: 'stdin' },
      timeoutSeconds: 30,
    },
  },
});

async function addTargets(idempotent = false): Promise<void> {
  const where = { instanceId: f.instanceId, keyId: old.id, password: PASSWORD };
  await f.api.delivery.add({ ...where, draft: envDraft() });
  await f.api.delivery.add({ ...where, draft: commandDraft(idempotent) });
}

const keyValue = (keyId: string | undefined): string => {
  const fresh = keyId === undefined ? undefined : f.flowise.state.keys.get(keyId);
  if (fresh === undefined) throw new Error('no new key');
  return fresh.apiKey;
};

describe('rotation with delivery targets', () => {
  it('delivers the new key to a .env file and a command, checks it, and only then revokes', async () => {
    await addTargets();
    const plan = await f.api.rotation.plan({ instanceId: f.instanceId, keyId: old.id });
    expect(plan.targets?.map((t) => t.label)).toEqual(['chat app', 'secret store']);
    expect(plan.targets?.[1]?.words).toContain('command: vault kv put apps/chat KEY=-');

    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    expect(started).toMatchObject({ status: 'waiting', reached: 'deliver', canRevoke: true });
    expect(started.revokeBlockers).toBeUndefined();
    expect(started.deliveries?.map((d) => [d.label, d.state, d.check])).toEqual([
      ['chat app', 'delivered', 'passed'],
      ['secret store', 'delivered', undefined],
    ]);
    const value = keyValue(started.newKey?.id);
    const text = files.text(ENV) ?? '';
    expect(parse(text).FLOWISE_API_KEY).toBe(value);
    expect(text).toBe(ENV_TEXT.replace('placeholder', value));
    expect(files.files.get(ENV)?.mode).toBe(0o640);
    expect(files.text(`${ENV}.bak`)).toBe(ENV_TEXT);
    expect(runs.map((r) => [r.steps[0]?.args.join(' '), r.stdin])).toEqual([
      ['kv put apps/chat KEY=-', value],
    ]);
    // The command's output reaches the view scrubbed.
    expect(JSON.stringify(started)).not.toContain(value);
    expect(started.deliveries?.[1]?.output).toBe('got [new key]');

    const done = await f.api.rotation.revoke({ rotationId: started.id });
    expect(done.status).toBe('done');
    expect(f.flowise.state.keys.has(old.id)).toBe(false);
    // The new key inherits the targets for its own next rotation.
    const mine = await f.api.delivery.list({
      instanceId: f.instanceId,
      keyId: done.newKey?.id ?? '',
    });
    expect(mine.targets.map((t) => t.label)).toEqual(['chat app', 'secret store']);
    const audit = JSON.stringify(f.core.audit.list({}).records);
    expect(audit).not.toContain(value);
  });

  it('asks before the command runs, naming the key, the target and exactly what runs; declined, nothing runs and revoke is held back', async () => {
    await addTargets();
    answer = false;
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    expect(runs).toEqual([]);
    expect(asked).toEqual([
      {
        purpose: 'deliver',
        instanceName: expect.any(String),
        keyName: 'deploy',
        targetLabel: 'secret store',
        steps: [{ executable: 'vault', args: ['kv', 'put', 'apps/chat', 'KEY=-'] }],
        cwd: '/home/op',
        keyInput: 'on stdin',
        timeoutSeconds: 30,
      },
    ]);
    expect(started.deliveries?.map((d) => [d.label, d.state, d.words])).toEqual([
      ['chat app', 'delivered', 'FLOWISE_API_KEY in /srv/chat/.env: updated.'],
      ['secret store', 'failed', 'It was not confirmed, so it did not run.'],
    ]);
    expect(started.revokeBlockers).toEqual(['"secret store" did not receive the new key']);

    // Retry asks again; confirmed this time, it runs once.
    answer = true;
    const retried = await f.api.rotation.retryDelivery({
      rotationId: started.id,
      targetIds: [started.deliveries?.[1]?.id ?? ''],
    });
    expect(asked).toHaveLength(2);
    expect(runs).toHaveLength(1);
    expect(retried.revokeBlockers).toBeUndefined();

    // Rollback's command is asked about too; declined, the rollback stops before any flow moves.
    answer = false;
    await f.api.rotation.rollback({ rotationId: started.id });
    expect(asked.at(-1)).toMatchObject({
      purpose: 'rollback',
      steps: [{ executable: 'vault', args: ['kv', 'rollback', 'apps/chat'] }],
    });
    expect(runs).toHaveLength(1);
    const stuck = (await f.api.rotation.list()).rotations.find((r) => r.id === started.id);
    expect(stuck?.status).toBe('failed');
    expect(f.flowise.state.keys.has(started.newKey?.id ?? '')).toBe(true);
  });

  it('a host that gives the core no way to ask runs no command at all', async () => {
    const bare = await startRotationFixture({}, { targetFiles: files, commands });
    try {
      const key = bare.flowise.addKey('deploy', ['chatflows:view']);
      await bare.api.delivery.add({
        instanceId: bare.instanceId,
        keyId: key.id,
        password: PASSWORD,
        draft: commandDraft(true),
      });
      const started = await bare.api.rotation.start({ instanceId: bare.instanceId, keyId: key.id });
      expect(started.deliveries?.map((d) => d.state)).toEqual(['failed']);
      expect(runs).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it('holds revoke back while a delivery failed, until the override names exactly what failed', async () => {
    await addTargets();
    failCommand = true;
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    expect(started.revokeBlockers).toEqual(['"secret store" did not receive the new key']);
    await expect(f.api.rotation.revoke({ rotationId: started.id })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await expect(
      f.api.rotation.revoke({ rotationId: started.id, override: 'yes' }),
    ).rejects.toMatchObject({ code: 'precondition_failed' });
    expect(f.flowise.state.keys.has(old.id)).toBe(true);

    // A retry that succeeds lifts the hold.
    failCommand = false;
    const retried = await f.api.rotation.retryDelivery({
      rotationId: started.id,
      targetIds: [started.deliveries?.[1]?.id ?? ''],
    });
    expect(retried.revokeBlockers).toBeUndefined();
    expect(runs).toHaveLength(2);

    const again = await f.api.rotation.revoke({ rotationId: started.id });
    expect(again.status).toBe('done');
  });

  it('revokes despite a failed check only with the confirmation naming it, and audits that', async () => {
    const where = { instanceId: f.instanceId, keyId: old.id, password: PASSWORD };
    await f.api.delivery.add({
      ...where,
      draft: {
        ...envDraft(),
        check: { kind: 'http', method: 'GET', url: checkUrl, expectStatus: 204 },
      },
    });
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    expect(started.revokeBlockers).toEqual(['the check of "chat app" failed']);
    expect(started.deliveries?.[0]?.checkWords).toMatch(/answered 200, not 204/);
    const done = await f.api.rotation.revoke({
      rotationId: started.id,
      override: 'the check of "chat app" failed',
    });
    expect(done.status).toBe('done');
    const notes = f.core.audit.list({ action: 'rotation.step' }).records.map((r) => r.detail);
    expect(notes).toContain(
      'revoke: revoked although the check of "chat app" failed, as confirmed',
    );
  });

  it('rollback puts the .env file back from its backup and runs the rollback command with the old key', async () => {
    await addTargets();
    const started = await f.api.rotation.start({ instanceId: f.instanceId, keyId: old.id });
    const back = await f.api.rotation.rollback({ rotationId: started.id });
    expect(back.status).toBe('rolled_back');
    expect(files.text(ENV)).toBe(ENV_TEXT);
    expect(runs.map((r) => [r.steps[0]?.args[1], r.stdin])).toEqual([
      ['put', expect.any(String)],
      ['rollback', old.apiKey],
    ]);
    expect(back.deliveries?.map((d) => d.state)).toEqual(['undone', 'undone']);
  });

  it('a crash while a command target runs: resume does not run it again unless it is idempotent', async () => {
    let bootStart = 0;
    for (const idempotent of [false, true]) {
      runs = [];
      files.put(ENV, ENV_TEXT, 0o640);
      const key = f.flowise.addKey(`app-${String(idempotent)}`, ['chatflows:view']);
      const where = { instanceId: f.instanceId, keyId: key.id, password: PASSWORD };
      await f.api.delivery.add({ ...where, draft: commandDraft(idempotent) });
      // The command ran; the app died before the journal heard back.
      afterRun = () => {
        // The next journal save, counted as the running core counts its points.
        const passed = f.points.slice(bootStart).filter((p) => p === 'journal:saving').length;
        f.crashAt({ point: 'journal:saving', nth: passed + 1 });
      };
      await f.api.rotation
        .start({ instanceId: f.instanceId, keyId: key.id })
        .catch(() => undefined);
      await f.restart();
      bootStart = f.points.length;
      const [open] = (await f.api.rotation.list()).rotations.filter((r) => r.unfinished);
      if (open === undefined) throw new Error('no unfinished rotation');
      const resumed = await f.api.rotation.resume({ rotationId: open.id });
      expect(resumed.deliveries?.[0]?.state).toBe(idempotent ? 'delivered' : 'interrupted');
      expect(runs).toHaveLength(idempotent ? 2 : 1);
      if (!idempotent) {
        expect(resumed.revokeBlockers).toEqual(['"secret store" did not receive the new key']);
        await f.api.rotation.rollback({ rotationId: open.id });
      } else {
        await f.api.rotation.revoke({ rotationId: open.id });
      }
    }
  });
});
