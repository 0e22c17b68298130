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

  it('keeps only the four fields tests may see', () => {
    expect(pickTarget({ ...target, adminPassword: 'p' } as typeof target)).toEqual(target);
  });
});
