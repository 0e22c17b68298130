// A handful of credential types as Flowise 3.1.4 serves them at /components-credentials, chosen to
// cover every input type the app renders: password, string, url, options, boolean, number, json.

export interface FakeCredentialInput {
  label: string;
  name: string;
  type: 'password' | 'string' | 'url' | 'options' | 'boolean' | 'number' | 'json';
  optional?: boolean;
  default?: string;
  placeholder?: string;
  description?: string;
  options?: { label: string; name: string }[];
  rows?: number;
}

export interface FakeCredentialType {
  label: string;
  name: string;
  version: number;
  description?: string;
  inputs: FakeCredentialInput[];
  icon: string;
}

const icon = (file: string): string =>
  `/opt/flowise/node_modules/flowise-components/dist/nodes/${file}`;

export const CREDENTIAL_TYPES: readonly FakeCredentialType[] = [
  {
    label: 'OpenAI API',
    name: 'openAIApi',
    version: 1,
    inputs: [{ label: 'OpenAI Api Key', name: 'openAIApiKey', type: 'password' }],
    icon: icon('moderation/OpenAIModeration/openai.svg'),
  },
  {
    label: 'Jira API',
    name: 'jiraApi',
    version: 1,
    description:
      'Refer to <a target="_blank" href="https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/">official guide</a> on how to get an access token on Jira',
    inputs: [
      { label: 'User Name', name: 'username', type: 'string', placeholder: 'username@example.com' },
      {
        label: 'Access Token',
        name: 'accessToken',
        type: 'password',
        placeholder: '<JIRA_ACCESS_TOKEN>',
      },
    ],
    icon: icon('tools/Jira/jira.svg'),
  },
  {
    label: 'Postgres URL',
    name: 'PostgresUrl',
    version: 1,
    inputs: [
      {
        label: 'Postgres URL',
        name: 'postgresUrl',
        type: 'url',
        placeholder: 'postgresql://localhost/mydb',
      },
    ],
    icon: icon('vectorstores/Postgres/postgres.svg'),
  },
  {
    label: 'Redis API',
    name: 'redisCacheApi',
    version: 1,
    inputs: [
      { label: 'Redis Host', name: 'redisCacheHost', type: 'string', default: '127.0.0.1' },
      { label: 'Port', name: 'redisCachePort', type: 'number', default: '6379' },
      { label: 'User', name: 'redisCacheUser', type: 'string', placeholder: '<REDIS_USERNAME>' },
      {
        label: 'Password',
        name: 'redisCachePwd',
        type: 'password',
        placeholder: '<REDIS_PASSWORD>',
      },
      { label: 'Use SSL', name: 'redisCacheSslEnabled', type: 'boolean' },
    ],
    icon: icon('vectorstores/Redis/redis.svg'),
  },
  {
    label: 'IBM Watsonx',
    name: 'ibmWatsonx',
    version: 1,
    inputs: [
      { label: 'Version', name: 'version', type: 'string', placeholder: 'YYYY-MM-DD' },
      { label: 'Service URL', name: 'serviceUrl', type: 'string', placeholder: '<SERVICE_URL>' },
      { label: 'Project ID', name: 'projectId', type: 'string', placeholder: '<PROJECT_ID>' },
      {
        label: 'Watsonx AI Auth Type',
        name: 'watsonxAIAuthType',
        type: 'options',
        options: [
          { label: 'IAM', name: 'iam' },
          { label: 'Bearer Token', name: 'bearertoken' },
        ],
        default: 'iam',
      },
      {
        label: 'Watsonx AI IAM API Key',
        name: 'watsonxAIApikey',
        type: 'password',
        description: 'API Key for Watsonx AI when using IAM',
        optional: true,
      },
    ],
    icon: icon('chatmodels/IBMWatsonx/ibm.png'),
  },
  {
    label: 'HTTP Headers',
    name: 'httpHeadersApi',
    version: 1,
    description: 'Extra headers sent with every request, as a JSON object.',
    inputs: [
      { label: 'Headers', name: 'headers', type: 'json', rows: 4, placeholder: '{"X-Team":"ops"}' },
      { label: 'Bearer Token', name: 'bearerToken', type: 'password', optional: true },
    ],
    icon: icon('tools/RequestsGet/requestsget.svg'),
  },
];

export const credentialType = (name: string): FakeCredentialType | undefined =>
  CREDENTIAL_TYPES.find((t) => t.name === name);
