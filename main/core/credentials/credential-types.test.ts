import { describe, expect, it } from 'vitest';

import type { CredentialType } from '../flowise/flowise-schemas.js';
import { describeHtml, isSecretInput, searchTypes, toTypeEntry } from './credential-types.js';

const jira: CredentialType = {
  label: 'Jira API',
  name: 'jiraApi',
  description:
    'Refer to <a target="_blank" href="https://support.atlassian.com/tokens">official guide</a> on how to get an access token &amp; more',
  inputs: [
    { label: 'User Name', name: 'username', type: 'string' },
    { label: 'Access Token', name: 'accessToken', type: 'password' },
  ],
};

describe('credential types', () => {
  it('turns the HTML description into text and http(s) links', () => {
    expect(describeHtml(jira.description ?? '')).toEqual({
      text: 'Refer to official guide on how to get an access token & more',
      links: [{ label: 'official guide', url: 'https://support.atlassian.com/tokens' }],
    });
    expect(describeHtml('<a href="javascript:alert(1)">x</a><script>y</script>').links).toEqual([]);
  });

  it('counts password inputs, and text inputs named like a secret, as secrets', () => {
    expect(isSecretInput({ type: 'password', label: 'Key', name: 'k' })).toBe(true);
    expect(isSecretInput({ type: 'string', label: 'AWS Secret Access Key', name: 'a' })).toBe(true);
    expect(isSecretInput({ type: 'string', label: 'Access Token URL', name: 'u' })).toBe(false);
    expect(isSecretInput({ type: 'string', label: 'User Name', name: 'username' })).toBe(false);
    expect(isSecretInput({ type: 'number', label: 'Token count', name: 'n' })).toBe(false);
  });

  it('maps inputs to the catalog shape, unknown types as other', () => {
    const entry = toTypeEntry({
      ...jira,
      inputs: [
        ...jira.inputs,
        { label: 'Port', name: 'port', type: 'number', default: '6379' },
        { label: 'Odd', name: 'odd', type: 'asyncOptions', optional: true },
      ],
    });
    expect(entry.description).toContain('official guide');
    expect(entry.inputs).toEqual([
      { label: 'User Name', name: 'username', type: 'string', secret: false, optional: false },
      {
        label: 'Access Token',
        name: 'accessToken',
        type: 'password',
        secret: true,
        optional: false,
      },
      {
        label: 'Port',
        name: 'port',
        type: 'number',
        secret: false,
        optional: false,
        default: '6379',
      },
      { label: 'Odd', name: 'odd', type: 'other', secret: false, optional: true },
    ]);
  });

  it('searches label and name with every word, sorted by label', () => {
    const types = [
      toTypeEntry({ label: 'OpenAI API', name: 'openAIApi', inputs: [] }),
      toTypeEntry({ label: 'Azure OpenAI API', name: 'azureOpenAIApi', inputs: [] }),
      toTypeEntry(jira),
    ];
    expect(searchTypes(types, 'openai').map((t) => t.name)).toEqual([
      'azureOpenAIApi',
      'openAIApi',
    ]);
    expect(searchTypes(types, 'azure  API').map((t) => t.name)).toEqual(['azureOpenAIApi']);
    expect(searchTypes(types, undefined)).toHaveLength(3);
    expect(searchTypes(types, 'nothing')).toEqual([]);
  });
});
