import { describe, expect, it } from 'vitest';

import { pickTarget, targetFromEnv, targetToEnv } from './flowise-target.js';

const target = { url: 'http://127.0.0.1:1', apiKey: 'k', apiKeyId: 'id', dataDir: '/tmp/x' };

describe('the FKV_FLOWISE_* hand-over', () => {
  it('round-trips through the environment', () => {
    expect(targetFromEnv(targetToEnv(target))).toEqual(target);
  });

  it('means "start one" when none of the variables is set', () => {
    expect(targetFromEnv({})).toBeUndefined();
    expect(targetFromEnv({ FKV_FLOWISE_URL: '' })).toBeUndefined();
  });

  it('names the missing variables of a partial set, and never echoes a value', () => {
    const env = { FKV_FLOWISE_URL: 'http://127.0.0.1:1', FKV_FLOWISE_API_KEY: 'secret-key' };
    expect(() => targetFromEnv(env)).toThrow(/FKV_FLOWISE_API_KEY_ID, FKV_FLOWISE_DATA_DIR/);
    expect(() => targetFromEnv(env)).not.toThrow(/secret-key/);
  });

  it('keeps only the fields tests may see', () => {
    expect(pickTarget({ ...target, adminPassword: 'p' } as typeof target)).toEqual(target);
    const versioned = { ...target, version: '2.2.8' };
    expect(pickTarget({ ...versioned, apiKeyStorage: 'db' } as typeof versioned)).toEqual(
      versioned,
    );
  });

  it("names a second server of another release beside the run's own", () => {
    const older = { ...target, url: 'http://127.0.0.1:2', version: '3.0.12' };
    const env = { ...targetToEnv(target), ...targetToEnv(older, '3.0.12') };
    expect(env['FKV_FLOWISE_3_0_12_URL']).toBe('http://127.0.0.1:2');
    expect(targetFromEnv(env)).toEqual(target);
    expect(targetFromEnv(env, '3.0.12')).toEqual(older);
    expect(targetFromEnv(env, '2.2.8')).toBeUndefined();
  });

  it('carries the server version when it is known', () => {
    const versioned = { ...target, version: '3.0.12' };
    expect(targetToEnv(versioned)['FKV_FLOWISE_SERVER_VERSION']).toBe('3.0.12');
    expect(targetFromEnv(targetToEnv(versioned))).toEqual(versioned);
  });
});
