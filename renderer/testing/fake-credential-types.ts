// A few credential types as main hands them to the renderer (already converted from Flowise's
// /components-credentials), covering every input type the forms render.
import type { CredentialTypeEntry } from '../../common/ipc/schemas/credentials.js';

export const FAKE_CREDENTIAL_TYPES: readonly CredentialTypeEntry[] = [
  {
    name: 'openAIApi',
    label: 'OpenAI API',
    links: [],
    inputs: [
      {
        label: 'OpenAI Api Key',
        name: 'openAIApiKey',
        type: 'password',
        secret: true,
        optional: false,
      },
    ],
  },
  {
    name: 'jiraApi',
    label: 'Jira API',
    description: 'Refer to official guide on how to get an access token on Jira',
    links: [{ label: 'official guide', url: 'https://support.atlassian.com/' }],
    inputs: [
      {
        label: 'User Name',
        name: 'username',
        type: 'string',
        secret: false,
        optional: false,
        placeholder: 'username@example.com',
      },
      {
        label: 'Access Token',
        name: 'accessToken',
        type: 'password',
        secret: true,
        optional: false,
      },
    ],
  },
  {
    name: 'redisCacheApi',
    label: 'Redis API',
    links: [],
    inputs: [
      {
        label: 'Redis Host',
        name: 'redisCacheHost',
        type: 'string',
        secret: false,
        optional: false,
        default: '127.0.0.1',
      },
      {
        label: 'Port',
        name: 'redisCachePort',
        type: 'number',
        secret: false,
        optional: false,
        default: '6789',
      },
      { label: 'Password', name: 'redisCachePwd', type: 'password', secret: true, optional: true },
      {
        label: 'Use SSL',
        name: 'redisCacheSslEnabled',
        type: 'boolean',
        secret: false,
        optional: true,
      },
      {
        label: 'Mode',
        name: 'redisMode',
        type: 'options',
        secret: false,
        optional: true,
        options: [
          { label: 'Standalone', name: 'standalone' },
          { label: 'Cluster', name: 'cluster' },
        ],
      },
    ],
  },
  {
    name: 'googleVertexAuth',
    label: 'Google Vertex Auth',
    links: [],
    inputs: [
      {
        label: 'Credential JSON Object',
        name: 'googleApplicationCredential',
        type: 'json',
        secret: false,
        optional: true,
        description: 'The service account key as JSON.',
        rows: 4,
      },
      {
        label: 'Endpoint URL',
        name: 'endpointUrl',
        type: 'url',
        secret: false,
        optional: true,
      },
    ],
  },
];
