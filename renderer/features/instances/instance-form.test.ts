import { describe, expect, it } from 'vitest';

import type { InstanceSummary } from '../../../common/ipc/schemas/instances.js';
import type { InstanceFormValues } from './instance-form.js';
import {
  changesConnection,
  initialValues,
  isLoopbackHost,
  toDraft,
  toPatch,
  validate,
} from './instance-form.js';

const KEY = 'an-admin-key-0123456789';
const filled: InstanceFormValues = {
  ...initialValues(),
  name: '  Prod ',
  baseUrl: ' https://prod.example.com ',
  adminKey: ` ${KEY} `,
};
const saved: InstanceSummary = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Prod',
  baseUrl: 'https://prod.example.com',
  colour: '#4F6BED',
  timeoutMs: 1500,
  certificateUnconfirmed: false,
  allowInsecureHttp: false,
  hasCustomCa: true,
  adminKeyMasked: '••••6789',
  adminKeyFingerprint: '0123456789abcdef',
};

describe('validate', () => {
  it('accepts a complete form and names each problem otherwise', () => {
    expect(validate(filled, false)).toEqual({});
    expect(Object.keys(validate(initialValues(), false)).sort()).toEqual([
      'adminKey',
      'baseUrl',
      'name',
    ]);
    expect(validate({ ...filled, name: 'x'.repeat(81) }, false).name).toBeDefined();
    expect(validate({ ...filled, timeoutSeconds: '0' }, false).timeoutSeconds).toBeDefined();
    expect(validate({ ...filled, timeoutSeconds: '1.5' }, false).timeoutSeconds).toBeDefined();
    expect(validate({ ...filled, timeoutSeconds: '120' }, false)).toEqual({});
    expect(validate({ ...filled, colour: 'red' }, false).colour).toBeDefined();
    expect(validate({ ...filled, caCertPem: 'nope' }, false).caCertPem).toBeDefined();
  });

  it('mirrors the address rules of main', () => {
    const url = (baseUrl: string, allowInsecureHttp = false) =>
      validate({ ...filled, baseUrl, allowInsecureHttp }, false).baseUrl;
    expect(url('https://user:pw@prod.example.com')).toMatch(/without a user name/);
    expect(url('https://prod.example.com/?x=1')).toMatch(/root address/);
    expect(url('http://10.0.0.5:3000')).toMatch(/Plain http/);
    expect(url('http://10.0.0.5:3000', true)).toBeUndefined();
    expect(url('http://127.0.0.1:3000')).toBeUndefined();
    expect(url('http://[::1]:3000')).toBeUndefined();
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.example.com')).toBe(false);
  });

  it('lets an edit leave the key empty, but not too short', () => {
    expect(validate({ ...filled, adminKey: '' }, true)).toEqual({});
    expect(validate({ ...filled, adminKey: 'short' }, true).adminKey).toMatch(/Leave the field/);
  });
});

describe('toDraft and toPatch', () => {
  it('trims and converts what the form holds', () => {
    expect(
      toDraft({ ...filled, timeoutSeconds: '30', caCertPem: ' -----BEGIN CERTIFICATE-----x ' }),
    ).toEqual({
      name: 'Prod',
      baseUrl: 'https://prod.example.com',
      adminKey: KEY,
      caCertPem: '-----BEGIN CERTIFICATE-----x',
      allowInsecureHttp: false,
      timeoutMs: 30_000,
      colour: '#4f6bed',
    });
  });

  it('sends only what changed, and the key only when typed', () => {
    const untouched = initialValues(saved);
    expect(untouched.timeoutSeconds).toBe('2');
    expect(toPatch(untouched, saved)).toEqual({});
    const certificatePin = {
      sha256: Array.from({ length: 32 }, () => '0A').join(':'),
      subject: 'CN=prod',
      issuer: 'CN=prod',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
    };
    expect(toPatch({ ...untouched, adminKey: KEY, certificatePin }, saved)).toEqual({
      adminKey: KEY,
      certificatePin,
    });
    const pinned = { ...saved, certificatePin: { ...certificatePin, pinnedAt: 5 } };
    expect(toPatch(initialValues(pinned), pinned)).toEqual({});
    expect(toPatch({ ...initialValues(pinned), certificatePin: null }, pinned)).toEqual({
      certificatePin: null,
    });
    expect(toPatch({ ...untouched, removeCa: true }, saved)).toEqual({ caCertPem: null });
    expect(toPatch({ ...untouched, timeoutSeconds: '20' }, saved)).toEqual({ timeoutMs: 20_000 });
  });

  it('tells a connection change from a cosmetic one', () => {
    expect(changesConnection({ name: 'x', colour: '#000000' })).toBe(false);
    expect(changesConnection({ baseUrl: 'https://x' })).toBe(true);
    expect(changesConnection({ caCertPem: null })).toBe(true);
  });
});
