import { describe, expect, it } from 'vitest';

import { AppError } from '../../../common/errors.js';
import { CREDENTIAL_PLACEHOLDER } from '../flowise/credentials-api.js';
import { checkChanges, checkNewData } from './credential-validation.js';
import { toTypeEntry } from './credential-types.js';

const type = toTypeEntry({
  label: 'Everything',
  name: 'everything',
  inputs: [
    { label: 'Api Key', name: 'apiKey', type: 'password' },
    { label: 'Host', name: 'host', type: 'string', default: '127.0.0.1' },
    { label: 'Port', name: 'port', type: 'number', default: '6379' },
    { label: 'Use SSL', name: 'ssl', type: 'boolean', optional: true },
    { label: 'Endpoint', name: 'endpoint', type: 'url', optional: true },
    {
      label: 'Auth Type',
      name: 'auth',
      type: 'options',
      options: [
        { label: 'IAM', name: 'iam' },
        { label: 'Bearer Token', name: 'bearertoken' },
      ],
      default: 'iam',
    },
    { label: 'Headers', name: 'headers', type: 'json', optional: true },
  ],
});

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('checking new credential data', () => {
  it('converts every input type and fills defaults as Flowise does', () => {
    expect(
      checkNewData(type, {
        apiKey: 'sk-1',
        port: 6380,
        ssl: 'true',
        endpoint: ' https://api.example/v1 ',
        auth: 'Bearer Token',
        headers: '{"X-Team":"ops"}',
      }),
    ).toEqual({
      apiKey: 'sk-1',
      host: '127.0.0.1',
      port: '6380',
      ssl: true,
      endpoint: 'https://api.example/v1',
      auth: 'bearertoken',
      headers: '{"X-Team":"ops"}',
    });
  });

  it('names every wrong field by its label, without quoting what was typed', () => {
    const typed = {
      apiKey: '',
      port: 'sk-pasted-in-the-wrong-field',
      ssl: 'maybe',
      endpoint: 'no scheme here',
      auth: 'ldap',
      headers: '{not json',
      extra: 'x',
    };
    const error = failure(() => checkNewData(type, typed));
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe(
      'Check these fields: Port must be a number; Use SSL must be on or off (true or false); ' +
        'Endpoint must be a full address with its scheme, such as https://… or redis://…; ' +
        'Auth Type must be one of: IAM, Bearer Token; Headers is not valid JSON; ' +
        'extra is not a field of Everything; Api Key is required.',
    );
    expect(error.details).toEqual({ fields: 'port,ssl,endpoint,auth,headers,extra,apiKey' });
    for (const value of ['sk-pasted', 'maybe', 'no scheme', 'ldap', '{not json'])
      expect(error.message).not.toContain(value);
  });

  it('refuses the placeholder and masked urls as values', () => {
    expect(failure(() => checkNewData(type, { apiKey: CREDENTIAL_PLACEHOLDER })).message).toBe(
      'Check this field: Api Key still holds the hidden placeholder, not a value; type the real one.',
    );
    expect(
      failure(() => checkNewData(type, { apiKey: 'k', endpoint: 'https://u:••••••@h' })).message,
    ).toContain('Endpoint still holds the hidden placeholder');
  });

  it('refuses text where a number or a flag belongs', () => {
    expect(failure(() => checkNewData(type, { apiKey: 'k', port: true })).message).toContain(
      'Port must be a number',
    );
    expect(failure(() => checkNewData(type, { apiKey: 'k', host: 5 })).message).toContain(
      'Host must be text',
    );
    expect(failure(() => checkNewData(type, { apiKey: 'k', port: '' })).message).toContain(
      'Port is required',
    );
  });
});

describe('checking changes', () => {
  const current = {
    apiKey: { kind: 'secret', set: true },
    host: { kind: 'value', value: 'h1' },
    port: { kind: 'value', value: 6379 },
    ssl: { kind: 'value', value: false },
    endpoint: { kind: 'masked', display: 'https://u:••••••@h' },
  } as const;

  it('keeps only what differs; secrets and masked urls always count as changed', () => {
    expect(
      checkChanges(
        type,
        { host: 'h1', port: '6379', ssl: false, apiKey: 'sk-new', endpoint: 'https://u:p@h' },
        current,
      ),
    ).toEqual({ apiKey: 'sk-new', endpoint: 'https://u:p@h' });
    expect(checkChanges(type, { host: 'h2', ssl: 'true' }, current)).toEqual({
      host: 'h2',
      ssl: true,
    });
  });

  it('refuses to empty a required field, and checks types as on create', () => {
    expect(failure(() => checkChanges(type, { host: '' }, current)).message).toBe(
      'Check this field: Host is required and cannot be emptied.',
    );
    expect(failure(() => checkChanges(type, { port: 'x' }, current)).message).toBe(
      'Check this field: Port must be a number.',
    );
    expect(checkChanges(type, { endpoint: '' }, current)).toEqual({ endpoint: '' });
  });
});
