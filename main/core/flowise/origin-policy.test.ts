import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../common/errors.js';
import { instanceBase, isLoopbackHost } from './origin-policy.js';

function refusal(baseUrl: string, allowInsecureHttp = false): string {
  try {
    instanceBase(baseUrl, allowInsecureHttp);
  } catch (error) {
    if (isAppError(error, 'bad_request')) return error.message;
    throw error;
  }
  throw new Error(`${baseUrl} was accepted`);
}

describe('instanceBase', () => {
  it('treats 127.0.0.0/8, ::1 and localhost as loopback, nothing else', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '[::1]', '::1', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1', 'localhost.example.com', '127.example', '::2'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('allows plain http only on loopback or when the instance allows it', () => {
    expect(instanceBase('http://127.0.0.1:3000', false).origin).toBe('http://127.0.0.1:3000');
    expect(instanceBase('http://[::1]:3000', false).host).toBe('[::1]:3000');
    expect(instanceBase('http://localhost:3000/', false).host).toBe('localhost:3000');
    expect(refusal('http://flowise.example.com')).toMatch(/flowise\.example\.com.*https/);
    expect(instanceBase('http://flowise.lan:3000', true).host).toBe('flowise.lan:3000');
    expect(instanceBase('https://flowise.example.com', false).protocol).toBe('https:');
  });

  it('refuses credentials, queries, other schemes and garbage', () => {
    expect(refusal('https://user:pw@flowise.example.com')).toMatch(/user name or password/);
    expect(refusal('https://flowise.example.com/?x=1')).toMatch(/query or fragment/);
    expect(refusal('ftp://flowise.example.com')).toMatch(/https/);
    expect(refusal('not a url')).toMatch(/not a valid URL/);
  });

  it('keeps a path prefix and drops a pasted /api/v1', () => {
    expect(instanceBase('https://h.example/flowise/', false).pathname).toBe('/flowise');
    expect(instanceBase('https://h.example/flowise/api/v1/', false).pathname).toBe('/flowise');
    expect(instanceBase('https://h.example/api/v1', false).pathname).toBe('/');
  });
});
