// Each README recipe, run against a stand-in executable of the same name first on PATH that records
// its argv and reads its input the way the real tool does (/dev/stdin opened as a file for kubectl
// and aws). The key must arrive there, and never in argv.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { COMMAND_RECIPES } from '../../../common/delivery-recipes.js';
import type { CommandRecipe } from '../../../common/delivery-recipes.js';
import { isAppError } from '../../../common/errors.js';
import { CommandPipeline } from '../../../common/ipc/schemas/delivery.js';
import { runCommandTarget } from './command-target.js';
import { createNodeCommands } from './node-commands.js';
import { createStandIns } from './testing/stand-ins.js';
import type { Recorded, StandIns } from './testing/stand-ins.js';

const KEY = 'fk-rotated-9f8e7d6c5b4a';
const posix = process.platform !== 'win32';

let standIns: StandIns;
beforeEach(async () => {
  standIns = await createStandIns();
});
afterEach(async () => {
  await standIns.remove();
});

function recipe(id: CommandRecipe['id']): CommandRecipe {
  const found = COMMAND_RECIPES.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no recipe ${id}`);
  return found;
}

const examples = (r: CommandRecipe): Record<string, string> =>
  Object.fromEntries(r.fields.map((f) => [f.id, f.example]));

async function deliver(id: CommandRecipe['id']): Promise<Recorded[]> {
  const pipeline = CommandPipeline.parse(recipe(id).build(examples(recipe(id))));
  const outcome = await runCommandTarget(createNodeCommands({ env: standIns.env }), pipeline, KEY);
  expect(outcome.problem).toBeUndefined();
  const recorded = await standIns.recorded();
  for (const run of recorded) expect(run.argv.join(' ')).not.toContain(KEY);
  return recorded;
}

describe.runIf(posix)('delivery recipes, against stand-ins of the same name', () => {
  it('vault kv put: FIELD=- reads the key from stdin', async () => {
    await standIns.addRecorder('vault');
    expect(await deliver('vault-kv')).toEqual([
      {
        name: 'vault',
        argv: ['kv', 'put', '-mount=secret', 'apps/chat', 'FLOWISE_API_KEY=-'],
        stdin: KEY,
      },
    ]);
  });

  it('kubectl create secret --from-file=KEY=/dev/stdin --dry-run=client -o yaml | kubectl apply -f -', async () => {
    // The stand-in prints what it read as the manifest, so the second step shows what the pipe
    // carried; the real one prints it base64-encoded in YAML.
    await standIns.addRecorder('kubectl', { echo: true });
    const recorded = await deliver('kubectl-secret');
    const create = recorded.find((r) => r.argv[0] === 'create');
    const apply = recorded.find((r) => r.argv[0] === 'apply');
    expect(create).toEqual({
      name: 'kubectl',
      argv: [
        'create',
        'secret',
        'generic',
        'chat-app',
        '--from-file=FLOWISE_API_KEY=/dev/stdin',
        '--dry-run=client',
        '-o',
        'yaml',
        '-n',
        'default',
      ],
      stdin: KEY,
    });
    expect(apply).toEqual({
      name: 'kubectl',
      argv: ['apply', '-n', 'default', '-f', '-'],
      stdin: KEY,
    });
  });

  it('gh secret set NAME: without --body, the value comes from stdin', async () => {
    await standIns.addRecorder('gh');
    expect(await deliver('gh-secret')).toEqual([
      {
        name: 'gh',
        argv: ['secret', 'set', 'FLOWISE_API_KEY', '--repo', 'owner/repo'],
        stdin: KEY,
      },
    ]);
  });

  it('aws secretsmanager put-secret-value --secret-string file:///dev/stdin', async () => {
    await standIns.addRecorder('aws');
    expect(await deliver('aws-secretsmanager')).toEqual([
      {
        name: 'aws',
        argv: [
          'secretsmanager',
          'put-secret-value',
          '--secret-id',
          'prod/chat/flowise',
          '--secret-string',
          'file:///dev/stdin',
        ],
        stdin: KEY,
      },
    ]);
  });

  it('docker secret create NAME -: "-" reads the value from stdin', async () => {
    await standIns.addRecorder('docker');
    expect(await deliver('docker-secret')).toEqual([
      { name: 'docker', argv: ['secret', 'create', 'flowise_api_key_v2', '-'], stdin: KEY },
    ]);
  });
});

describe('recipe fields', () => {
  it('refuses an empty field and one that would be read as an option', () => {
    const gh = recipe('gh-secret');
    for (const repo of ['', '  ', '--body=x']) {
      let error: unknown;
      try {
        gh.build({ name: 'FLOWISE_API_KEY', repo });
      } catch (caught) {
        error = caught;
      }
      expect(isAppError(error, 'bad_request')).toBe(true);
    }
  });

  it('offers one recipe per tool the README names', () => {
    expect(COMMAND_RECIPES.map((r) => r.id)).toEqual([
      'vault-kv',
      'kubectl-secret',
      'gh-secret',
      'aws-secretsmanager',
      'docker-secret',
    ]);
  });
});
