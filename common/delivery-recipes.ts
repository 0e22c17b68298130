// Ready-made command targets for the secret stores and platforms teams already run. Each puts the
// key where the real tool reads it (stdin, or /dev/stdin named as a file) and never in argv.
// main/core/delivery/command-recipes.test.ts runs each against a stand-in of the same name.
import { AppError } from './errors.js';
import type { CommandPipeline } from './ipc/schemas/delivery.js';

export interface RecipeField {
  id: string;
  label: string;
  example: string;
}

export interface CommandRecipe {
  id: 'vault-kv' | 'kubectl-secret' | 'gh-secret' | 'aws-secretsmanager' | 'docker-secret';
  title: string;
  fields: readonly RecipeField[];
  /** What a person should know before choosing it. */
  note: string;
  build(values: Readonly<Record<string, string>>): CommandPipeline;
}

const TIMEOUT_SECONDS = 60;

/** A value that would be read as an option, or is empty, is refused: it is a field, not a flag. */
function field(values: Readonly<Record<string, string>>, id: string): string {
  const value = values[id]?.trim() ?? '';
  if (value === '' || value.startsWith('-') || /[\0\r\n]/.test(value)) {
    throw new AppError('bad_request', `"${id}" must be filled in, without a leading "-".`);
  }
  return value;
}

const stdin = { via: 'stdin' } as const;

export const COMMAND_RECIPES: readonly CommandRecipe[] = [
  {
    id: 'vault-kv',
    title: 'HashiCorp Vault or OpenBao: vault kv put',
    fields: [
      { id: 'mount', label: 'KV mount', example: 'secret' },
      { id: 'path', label: 'Secret path', example: 'apps/chat' },
      { id: 'field', label: 'Field', example: 'FLOWISE_API_KEY' },
    ],
    note: '`FIELD=-` makes vault read the value from stdin. `kv put` replaces every field at the path; VAULT_ADDR and VAULT_TOKEN come from the app’s environment. For OpenBao, change the executable to `bao`.',
    build: (v) => ({
      steps: [
        {
          executable: 'vault',
          args: [
            'kv',
            'put',
            `-mount=${field(v, 'mount')}`,
            field(v, 'path'),
            `${field(v, 'field')}=-`,
          ],
        },
      ],
      key: stdin,
      timeoutSeconds: TIMEOUT_SECONDS,
    }),
  },
  {
    id: 'kubectl-secret',
    title: 'Kubernetes: kubectl create secret … --dry-run=client -o yaml | kubectl apply -f -',
    fields: [
      { id: 'namespace', label: 'Namespace', example: 'default' },
      { id: 'secret', label: 'Secret name', example: 'chat-app' },
      { id: 'key', label: 'Key in the secret', example: 'FLOWISE_API_KEY' },
    ],
    note: 'Two steps piped without a shell: the first reads the key from /dev/stdin and prints the manifest, the second applies it. The secret is replaced whole, with this one key.',
    build: (v) => {
      const namespace = field(v, 'namespace');
      return {
        steps: [
          {
            executable: 'kubectl',
            args: [
              'create',
              'secret',
              'generic',
              field(v, 'secret'),
              `--from-file=${field(v, 'key')}=/dev/stdin`,
              '--dry-run=client',
              '-o',
              'yaml',
              '-n',
              namespace,
            ],
          },
          { executable: 'kubectl', args: ['apply', '-n', namespace, '-f', '-'] },
        ],
        key: stdin,
        timeoutSeconds: TIMEOUT_SECONDS,
      };
    },
  },
  {
    id: 'gh-secret',
    title: 'GitHub Actions: gh secret set',
    fields: [
      { id: 'repo', label: 'Repository', example: 'owner/repo' },
      { id: 'name', label: 'Secret name', example: 'FLOWISE_API_KEY' },
    ],
    note: 'Without --body, gh reads the value from stdin. Idempotent: setting it twice keeps the same value.',
    build: (v) => ({
      steps: [
        {
          executable: 'gh',
          args: ['secret', 'set', field(v, 'name'), '--repo', field(v, 'repo')],
        },
      ],
      key: stdin,
      timeoutSeconds: TIMEOUT_SECONDS,
    }),
  },
  {
    id: 'aws-secretsmanager',
    title: 'AWS Secrets Manager: aws secretsmanager put-secret-value',
    fields: [{ id: 'secretId', label: 'Secret id or ARN', example: 'prod/chat/flowise' }],
    note: '`file:///dev/stdin` makes the AWS CLI read the value from stdin. Credentials and region come from the app’s environment or AWS profile.',
    build: (v) => ({
      steps: [
        {
          executable: 'aws',
          args: [
            'secretsmanager',
            'put-secret-value',
            '--secret-id',
            field(v, 'secretId'),
            '--secret-string',
            'file:///dev/stdin',
          ],
        },
      ],
      key: stdin,
      timeoutSeconds: TIMEOUT_SECONDS,
    }),
  },
  {
    id: 'docker-secret',
    title: 'Docker Swarm: docker secret create',
    fields: [{ id: 'name', label: 'Secret name', example: 'flowise_api_key_v2' }],
    note: '`-` makes docker read the value from stdin. Swarm secrets cannot change: use a new name per rotation and point the service at it; not idempotent.',
    build: (v) => ({
      steps: [{ executable: 'docker', args: ['secret', 'create', field(v, 'name'), '-'] }],
      key: stdin,
      timeoutSeconds: TIMEOUT_SECONDS,
    }),
  },
];
