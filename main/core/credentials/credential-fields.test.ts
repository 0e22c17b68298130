import { describe, expect, it } from 'vitest';

import { CREDENTIAL_PLACEHOLDER } from '../flowise/credentials-api.js';
import { fieldsForEdit, maskUrl } from './credential-fields.js';
import { toTypeEntry } from './credential-types.js';

const type = toTypeEntry({
  label: 'Mixed',
  name: 'mixed',
  inputs: [
    { label: 'Key', name: 'key', type: 'password' },
    { label: 'Secret Access Key', name: 'legacy', type: 'string' },
    { label: 'Host', name: 'host', type: 'string' },
    { label: 'Port', name: 'port', type: 'number' },
    { label: 'TLS', name: 'tls', type: 'boolean' },
    { label: 'Headers', name: 'headers', type: 'json' },
    { label: 'DB URL', name: 'url', type: 'url' },
  ],
});

describe('fields for the edit form', () => {
  it('masks the password part of a url, and leaves other urls alone', () => {
    expect(maskUrl('postgresql://app:pg-secret@db:5432/app')).toBe(
      'postgresql://app:••••••@db:5432/app',
    );
    expect(maskUrl('redis://localhost:6379')).toBeUndefined();
    expect(maskUrl('not a url')).toBeUndefined();
  });

  it('shows secrets only as set or not, whatever the server sent', () => {
    const fields = fieldsForEdit(
      {
        key: CREDENTIAL_PLACEHOLDER,
        legacy: 'AKIA-in-clear-on-an-old-server',
        host: 'h',
        port: '6379',
        tls: true,
        headers: { a: 1 },
        url: 'postgresql://app:pg-secret@db/app',
        stray: 'undeclared-value',
        empty: '',
      },
      type,
    );
    expect(fields).toEqual({
      key: { kind: 'secret', set: true },
      legacy: { kind: 'secret', set: true },
      host: { kind: 'value', value: 'h' },
      port: { kind: 'value', value: '6379' },
      tls: { kind: 'value', value: true },
      headers: { kind: 'value', value: '{"a":1}' },
      url: { kind: 'masked', display: 'postgresql://app:••••••@db/app' },
      stray: { kind: 'secret', set: true },
      empty: { kind: 'secret', set: false },
    });
    const text = JSON.stringify(fields);
    for (const secret of ['pg-secret', 'AKIA', 'undeclared-value', '_FLOWISE_BLANK_'])
      expect(text).not.toContain(secret);
  });

  it('keeps a url Flowise already masked, and any placeholder, out of the values', () => {
    const fields = fieldsForEdit(
      { url: 'postgresql://app:••••••@db/app', host: CREDENTIAL_PLACEHOLDER, key: '' },
      type,
    );
    expect(fields).toEqual({
      url: { kind: 'masked', display: 'postgresql://app:••••••@db/app' },
      host: { kind: 'secret', set: true },
      key: { kind: 'secret', set: false },
    });
  });

  it('treats every field as secret when the type is unknown', () => {
    expect(fieldsForEdit({ host: 'h' }, undefined)).toEqual({
      host: { kind: 'secret', set: true },
    });
  });
});
