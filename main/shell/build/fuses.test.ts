// Reads the fuse configuration the afterPack hook actually applies, through a fake packager, and
// checks it against the release policy written out here independently of fuses.ts.
import type { FuseV1Config } from '@electron/fuses';
import { FuseV1Options } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { afterPack } from './after-pack.js';
import { variantFromEnv } from './fuses.js';

const RELEASE_POLICY: Record<string, boolean> = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  GrantFileProtocolExtraPrivileges: false,
};

async function configAppliedByHook(): Promise<FuseV1Config> {
  const addElectronFuses = vi.fn((_context: unknown, _fuses: FuseV1Config) => Promise.resolve(1));
  const context = { packager: { addElectronFuses } } as unknown as AfterPackContext;
  await afterPack(context);
  expect(addElectronFuses).toHaveBeenCalledTimes(1);
  return addElectronFuses.mock.calls[0]![1];
}

function named(config: FuseV1Config): Record<string, boolean | undefined> {
  const out: Record<string, boolean | undefined> = {};
  for (const name of Object.keys(RELEASE_POLICY)) {
    out[name] = config[FuseV1Options[name as keyof typeof FuseV1Options]];
  }
  return out;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('afterPack fuses', () => {
  it.each(Object.entries(RELEASE_POLICY))('release build sets %s to %s', async (name, value) => {
    vi.stubEnv('FKV_ENABLE_INSPECT', '');
    expect(named(await configAppliedByHook())[name]).toBe(value);
  });

  it('test build differs from a release only in the inspect fuse', async () => {
    vi.stubEnv('FKV_ENABLE_INSPECT', 'true');
    expect(named(await configAppliedByHook())).toEqual({
      ...RELEASE_POLICY,
      EnableNodeCliInspectArguments: true,
    });
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const context = {
      packager: { addElectronFuses: () => Promise.resolve(0) },
    } as unknown as AfterPackContext;
    await expect(afterPack(context)).rejects.toThrow('No fuse wire');
  });

  it('builds a release unless the test build is asked for exactly', () => {
    expect(variantFromEnv({})).toBe('release');
    expect(variantFromEnv({ FKV_ENABLE_INSPECT: '1' })).toBe('release');
    expect(variantFromEnv({ FKV_ENABLE_INSPECT: 'true' })).toBe('e2e');
  });
});
