import { describe, expect, it } from 'vitest';

import type { CredentialTypeEntry } from '../../../common/ipc/schemas/credentials.js';
import { credentialTypeEntry } from '../../testing/memory-flowise.js';
import {
  changesToSend,
  dataToCreate,
  fieldsNamed,
  initialValues,
  missingRequired,
  storedValues,
} from './credential-form.js';

const typeNamed = (name: string): CredentialTypeEntry => {
  const found = credentialTypeEntry(name);
  if (found === undefined) throw new Error(name);
  return found;
};
const redis = typeNamed('redisCacheApi');

describe('credential form values', () => {
  it('starts a new form from the defaults, with secrets blank', () => {
    expect(initialValues(redis)).toEqual({
      redisCacheHost: '127.0.0.1',
      redisCachePort: '6379',
      redisCacheUser: '',
      redisCachePwd: '',
      redisCacheSslEnabled: false,
    });
  });

  it('creates with the fields that hold something', () => {
    const values = { ...initialValues(redis), redisCachePwd: 'pw', redisCacheSslEnabled: true };
    expect(dataToCreate(redis, values)).toEqual({
      redisCacheHost: '127.0.0.1',
      redisCachePort: '6379',
      redisCachePwd: 'pw',
      redisCacheSslEnabled: true,
    });
  });

  it('fills an edit form from stored values, leaving secrets blank', () => {
    const fields = {
      redisCacheHost: { kind: 'value', value: 'db' },
      redisCachePort: { kind: 'value', value: '6380' },
      redisCachePwd: { kind: 'secret', set: true },
      redisCacheSslEnabled: { kind: 'value', value: true },
    } as const;
    expect(storedValues(redis, fields)).toMatchObject({
      redisCacheHost: 'db',
      redisCachePort: '6380',
      redisCachePwd: '',
      redisCacheSslEnabled: true,
    });
  });

  it('sends only changed fields, and a secret only when typed', () => {
    const fields = {
      redisCacheHost: { kind: 'value', value: 'db' },
      redisCachePwd: { kind: 'secret', set: true },
    } as const;
    const initial = storedValues(redis, fields);
    expect(changesToSend(redis, initial, initial, fields)).toEqual({});
    expect(changesToSend(redis, initial, { ...initial, redisCacheHost: 'db2' }, fields)).toEqual({
      redisCacheHost: 'db2',
    });
    expect(changesToSend(redis, initial, { ...initial, redisCachePwd: 'new' }, fields)).toEqual({
      redisCachePwd: 'new',
    });
  });

  it('never sends a blank over a masked address', () => {
    const postgres = typeNamed('PostgresUrl');
    const fields = {
      postgresUrl: { kind: 'masked', display: 'postgresql://u:••••@h/db' },
    } as const;
    const initial = storedValues(postgres, fields);
    expect(initial['postgresUrl']).toBe('');
    expect(changesToSend(postgres, initial, initial, fields)).toEqual({});
  });

  it('finds the required fields left blank as main would: defaults filled, stored ones kept', () => {
    const blank = initialValues(redis);
    // Host and port have defaults main fills in; the checkbox is never blank.
    expect([...missingRequired(redis, { ...blank, redisCacheHost: '' })]).toEqual([
      'redisCacheUser',
      'redisCachePwd',
    ]);
    expect(
      missingRequired(redis, { ...blank, redisCacheUser: 'u', redisCachePwd: ' x' }).size,
    ).toBe(0);
    expect([
      ...missingRequired(redis, { ...blank, redisCacheUser: 'u', redisCachePwd: '  ' }),
    ]).toEqual(['redisCachePwd']);

    const fields = {
      redisCacheHost: { kind: 'value', value: 'db' },
      redisCacheUser: { kind: 'value', value: '' },
      redisCachePwd: { kind: 'secret', set: true },
    } as const;
    const initial = storedValues(redis, fields);
    const edit = { initial, fields };
    expect(missingRequired(redis, initial, edit).size).toBe(0);
    expect([...missingRequired(redis, { ...initial, redisCacheHost: '' }, edit)]).toEqual([
      'redisCacheHost',
    ]);
  });

  it('reads the refused fields from main’s details', () => {
    expect([...fieldsNamed({ fields: 'a,b' })]).toEqual(['a', 'b']);
    expect(fieldsNamed(undefined).size).toBe(0);
  });
});
