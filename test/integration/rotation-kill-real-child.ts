// Run by rotation-kill.real.test.ts (and, on the fake Flowise, rotation-kill-deliveries.test.ts)
// in a child process: a new vault in <dir> with the server as its instance, one rotation played
// to its end (rotate: start, a flow bound to the old key in grace, the new key shown again,
// revoke; rollback: start, roll back; admin: the same as rotate for the instance's own key;
// admin-rollback: its start and roll back; deliver: as rotate, the key with delivery targets:
// the .env file FKV_KILL_ENV_FILE, checked by a command, then a command that appends what it
// reads to FKV_KILL_STORE_FILE, not idempotent, then, when FKV_KILL_ENV_FILE2 names one, a second
// checked .env file), and a SIGKILL at the <nth> pass of checkpoint <point> ("none": no kill, the
// run is a trace). Every checkpoint and request goes to FKV_KILL_LOG first.
// Usage: tsx rotation-kill-real-child.ts <dir> <scenario> <point> <nth>; FKV_KILL_* name the server,
// its keys and flows (the keys stay out of the process list).
import type { TargetDraft } from '../../common/ipc/schemas/delivery.js';
import type { RotationView } from '../../common/ipc/schemas/rotation.js';
import { PASSWORD } from './core-fixture.js';
import { killableCore, logTo } from './rotation-kill-core.js';
import { addInstance } from './rotation-fixture.js';

const [dir = '', scenario = '', point = '', nth = '1'] = process.argv.slice(2);
const env = (name: string): string => process.env[`FKV_KILL_${name}`] ?? '';
const log = logTo(env('LOG'));
let seen = 0;
const { api } = killableCore(dir, log, (reached) => {
  if (reached === point && ++seen === Number(nth)) process.kill(process.pid, 'SIGKILL');
});

function expectStatus(view: RotationView, status: RotationView['status']): void {
  if (view.status === status) return;
  process.stderr.write(`ended ${view.status}, not ${status}: ${view.error?.message ?? ''}\n`);
  process.exit(4);
}

const instanceId = await addInstance(api, {
  url: env('URL'),
  adminKey: env('ADMIN_KEY'),
  timeoutMs: 15_000,
});
if (scenario === 'deliver') {
  const node = (script: string, arg: string) => ({
    steps: [{ executable: process.execPath, args: ['-e', script, arg] }],
    key: { via: 'stdin' as const },
    timeoutSeconds: 30,
  });
  const add = (draft: TargetDraft) =>
    api.delivery.add({ instanceId, keyId: env('OLD_KEY_ID'), password: PASSWORD, draft });
  const envTarget = (label: string, path: string): TargetDraft => ({
    label,
    target: { kind: 'env-file', path, name: 'FLOWISE_API_KEY' },
    check: {
      kind: 'command',
      // Exit 0 only when the .env file holds the key given on stdin.
      run: node(
        "const fs=require('fs');process.exit(fs.readFileSync(process.argv[1],'utf8').includes(fs.readFileSync(0,'utf8'))?0:1)",
        path,
      ),
    },
  });
  await add(envTarget('app env', env('ENV_FILE')));
  await add({
    label: 'store',
    target: {
      kind: 'command',
      run: node(
        "const fs=require('fs');fs.appendFileSync(process.argv[1],fs.readFileSync(0,'utf8')+'\\n')",
        env('STORE_FILE'),
      ),
      idempotent: false,
    },
  });
  if (env('ENV_FILE2') !== '') await add(envTarget('second app env', env('ENV_FILE2')));
}
log({ t: 'phase', name: 'start' });
const started = await api.rotation.start({
  instanceId,
  keyId: env('OLD_KEY_ID'),
  probeFlowIds: [env('PROBE_FLOW')],
});
expectStatus(started, 'waiting');
if (scenario.endsWith('rollback')) {
  log({ t: 'phase', name: 'rollback' });
  expectStatus(await api.rotation.rollback({ rotationId: started.id }), 'rolled_back');
} else {
  if (env('LATE_FLOW') !== '') {
    // Someone binds another flow to the old key during grace: revoke must move it first.
    const bound = await fetch(`${env('URL')}/api/v1/chatflows/${env('LATE_FLOW')}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${env('HARNESS_KEY')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ apikeyid: env('OLD_KEY_ID') }),
    });
    if (!bound.ok) throw new Error(`binding the late flow answered ${String(bound.status)}`);
  }
  log({ t: 'phase', name: 'grace' });
  await api.rotation.reveal({ rotationId: started.id, password: PASSWORD });
  log({ t: 'phase', name: 'revoke' });
  expectStatus(await api.rotation.revoke({ rotationId: started.id }), 'done');
}
log({ t: 'phase', name: 'end' });
// In a kill run, reaching this line means the kill point was never passed.
process.exit(point === 'none' ? 0 : 3);
