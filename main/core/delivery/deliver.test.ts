import { describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import type { CommandPipeline, DeliveryTarget } from '../../../common/ipc/schemas/delivery.js';
import type { CommandPort, CommandRunRequest, HttpPort, HttpRequest } from '../ports.js';
import type { CommandRunShown, DeliveryPorts } from './deliver.js';
import { DECLINED, deliverTo, revokeBlockers, runCheck, undoDelivery } from './deliver.js';
import { MemoryTargetFiles } from './testing/memory-target-files.js';

const NEW = 'fk-new-0123456789';
const OLD = 'fk-old-9876543210';

function recordingCommands(answer: { exit?: number; print?: (stdin: string) => string } = {}) {
  const runs: CommandRunRequest[] = [];
  const commands: CommandPort = {
    cwd: '/home/op',
    run(request) {
      runs.push(request);
      return Promise.resolve({
        exitCodes: request.steps.map(() => answer.exit ?? 0),
        startErrors: request.steps.map(() => null),
        timedOut: false,
        stdout: answer.print?.(request.stdin) ?? '',
        stderr: '',
      });
    },
  };
  return { commands, runs };
}

function answeringHttp(status: (request: HttpRequest) => number) {
  const requests: HttpRequest[] = [];
  const http: HttpPort = {
    request(request) {
      requests.push(request);
      return Promise.resolve({ status: status(request), headers: {}, body: '' });
    },
  };
  return { http, requests };
}

const pipeline = (executable: string): CommandPipeline => ({
  steps: [{ executable, args: ['put'] }],
  key: { via: 'stdin' },
  timeoutSeconds: 10,
});

function ports(overrides: Partial<DeliveryPorts> = {}): DeliveryPorts {
  return {
    files: new MemoryTargetFiles(),
    commands: recordingCommands().commands,
    http: answeringHttp(() => 200).http,
    confirm: () => Promise.resolve(true),
    ...overrides,
  };
}

describe('the confirmation before each command run', () => {
  it('shows exactly what will run (executable, argv, folder, how the key goes) and runs nothing when declined', async () => {
    const { commands, runs } = recordingCommands();
    const shown: CommandRunShown[] = [];
    const declining = ports({
      commands,
      confirm: (run) => {
        shown.push(run);
        return Promise.resolve(false);
      },
    });
    const target: DeliveryTarget['target'] = {
      kind: 'command',
      run: {
        steps: [{ executable: 'vault', args: ['kv', 'put', 'apps/chat', 'KEY=-'] }],
        key: { via: 'stdin' },
        timeoutSeconds: 30,
      },
      idempotent: false,
      rollback: {
        steps: [{ executable: 'vault-undo', args: ['apps/chat'] }],
        key: { via: 'env', name: 'OLD_KEY' },
        timeoutSeconds: 5,
      },
    };
    const check = { kind: 'command' as const, run: pipeline('probe') };

    expect(await deliverTo(declining, target, NEW)).toEqual({ ok: false, words: DECLINED });
    expect(await undoDelivery(declining, target, OLD)).toEqual({ ok: false, words: DECLINED });
    expect(await runCheck(declining, check, NEW)).toEqual({ ok: false, words: DECLINED });
    expect(runs).toEqual([]);
    expect(shown).toEqual([
      {
        purpose: 'deliver',
        steps: [{ executable: 'vault', args: ['kv', 'put', 'apps/chat', 'KEY=-'] }],
        cwd: '/home/op',
        keyInput: 'on stdin',
        timeoutSeconds: 30,
      },
      {
        purpose: 'rollback',
        steps: [{ executable: 'vault-undo', args: ['apps/chat'] }],
        cwd: '/home/op',
        keyInput: 'in the environment variable OLD_KEY',
        timeoutSeconds: 5,
      },
      {
        purpose: 'check',
        steps: [{ executable: 'probe', args: ['put'] }],
        cwd: '/home/op',
        keyInput: 'on stdin',
        timeoutSeconds: 10,
      },
    ]);
    expect(JSON.stringify(shown)).not.toContain(NEW);
  });

  it('never asks about a command that holds the key in its argv: it is refused outright', async () => {
    let asked = 0;
    const refusing = ports({
      confirm: () => {
        asked += 1;
        return Promise.resolve(true);
      },
    });
    const result = await deliverTo(
      refusing,
      {
        kind: 'command',
        run: {
          steps: [{ executable: 'gh', args: ['secret', 'set', 'K', '--body', NEW] }],
          key: { via: 'stdin' },
          timeoutSeconds: 5,
        },
        idempotent: true,
      },
      NEW,
    );
    expect(result.ok).toBe(false);
    expect(result.words).toContain('in its arguments');
    expect(asked).toBe(0);
  });
});

describe('deliverTo and undoDelivery', () => {
  it('a .env target gets the new key, and rollback restores the file from its backup', async () => {
    const files = new MemoryTargetFiles();
    files.put('/srv/app/.env', `# app\nFLOWISE_API_KEY=${OLD}\n`);
    const target: DeliveryTarget['target'] = {
      kind: 'env-file',
      path: '/srv/app/.env',
      name: 'FLOWISE_API_KEY',
    };
    expect(await deliverTo(ports({ files }), target, NEW)).toEqual({
      ok: true,
      words: 'FLOWISE_API_KEY in /srv/app/.env: updated.',
    });
    expect(files.text('/srv/app/.env')).toBe(`# app\nFLOWISE_API_KEY=${NEW}\n`);
    expect(await undoDelivery(ports({ files }), target, OLD)).toEqual({
      ok: true,
      words: '/srv/app/.env restored from its backup.',
    });
    expect(files.text('/srv/app/.env')).toBe(`# app\nFLOWISE_API_KEY=${OLD}\n`);
  });

  it('a refused .env delivery is a failed result in words, never a thrown value', async () => {
    const files = new MemoryTargetFiles();
    files.put('/srv/app/.env', 'A=1\n', 0o444);
    const result = await deliverTo(
      ports({ files }),
      { kind: 'env-file', path: '/srv/app/.env', name: 'K' },
      NEW,
    );
    expect(result).toEqual({ ok: false, words: '/srv/app/.env is read-only.' });
  });

  it('a command target runs with the new key; its rollback command with the old key', async () => {
    const { commands, runs } = recordingCommands({ print: (stdin) => `stored ${stdin}` });
    const target: DeliveryTarget['target'] = {
      kind: 'command',
      run: pipeline('vault'),
      idempotent: false,
      rollback: pipeline('vault-undo'),
    };
    expect(await deliverTo(ports({ commands }), target, NEW)).toEqual({
      ok: true,
      words: 'The command succeeded.',
      output: 'stored [new key]',
    });
    await undoDelivery(ports({ commands }), target, OLD);
    expect(runs.map((r) => [r.steps[0]?.executable, r.stdin])).toEqual([
      ['vault', NEW],
      ['vault-undo', OLD],
    ]);
  });

  it('a command target without a rollback command is left alone on rollback', async () => {
    const { commands, runs } = recordingCommands();
    const target: DeliveryTarget['target'] = {
      kind: 'command',
      run: pipeline('gh'),
      idempotent: true,
    };
    expect(await undoDelivery(ports({ commands }), target, OLD)).toEqual({
      ok: true,
      words: 'No rollback command: the target was left as it is.',
    });
    expect(runs).toEqual([]);
  });
});

describe('runCheck', () => {
  it('sends the new key as Bearer to the saved address only, and passes on the expected status', async () => {
    const { http, requests } = answeringHttp((r) =>
      r.headers['authorization'] === `Bearer ${NEW}` ? 200 : 401,
    );
    const check = {
      kind: 'http' as const,
      method: 'GET' as const,
      url: 'http://127.0.0.1:8080/health',
      expectStatus: 200,
    };
    expect(await runCheck(ports({ http }), check, NEW)).toEqual({
      ok: true,
      words: 'http://127.0.0.1:8080 answered 200 as expected.',
    });
    expect(await runCheck(ports({ http }), check, OLD)).toEqual({
      ok: false,
      words: 'http://127.0.0.1:8080 answered 401, not 200.',
    });
    expect(requests.map((r) => r.url)).toEqual([check.url, check.url]);
  });

  it('refuses plain http to another computer, and user info in the address, sending nothing', async () => {
    const { http, requests } = answeringHttp(() => 200);
    for (const url of ['http://app.internal/health', 'https://user:pw@app.example/health']) {
      const result = await runCheck(
        ports({ http }),
        { kind: 'http', method: 'GET', url, expectStatus: 200 },
        NEW,
      );
      expect(result.ok).toBe(false);
    }
    expect(requests).toEqual([]);
  });

  it('a network failure is a failed check in words without the key', async () => {
    const http: HttpPort = {
      request: () => Promise.reject(new AppError('network', 'app.example could not be reached.')),
    };
    const result = await runCheck(
      ports({ http }),
      { kind: 'http', method: 'POST', url: 'https://app.example/ping', expectStatus: 204 },
      NEW,
    );
    expect(result).toEqual({ ok: false, words: 'app.example could not be reached.' });
  });

  it('a command check passes on exit code 0 only', async () => {
    const check = { kind: 'command' as const, run: pipeline('probe') };
    const pass = await runCheck(ports({ commands: recordingCommands().commands }), check, NEW);
    expect(pass.ok).toBe(true);
    const fail = await runCheck(
      ports({ commands: recordingCommands({ exit: 1 }).commands }),
      check,
      NEW,
    );
    expect(fail).toEqual({ ok: false, words: 'probe exited with code 1.' });
  });
});

describe('revokeBlockers', () => {
  it('names each target not delivered and each failed check; none when all passed', () => {
    expect(
      revokeBlockers([
        { label: 'chat app', delivered: true, checked: true },
        { label: 'GitHub', delivered: false },
        { label: 'worker', delivered: true, checked: false },
        { label: 'docker', delivered: true },
      ]),
    ).toEqual(['"GitHub" did not receive the new key', 'the check of "worker" failed']);
    expect(revokeBlockers([{ label: 'chat app', delivered: true, checked: true }])).toEqual([]);
  });
});
