// Packages the real app for Linux (with a stub Electron, the only part that cannot be fetched
// here), then opens the asar and the binary to check what would ship: the entry points, and
// nothing from test/, no harness, no source maps, no dev dependencies, no oversized file. The
// same fresh build also gets the Electronegativity scan CI runs.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';

import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BRIDGE_PATH, RPC_PATH } from '../harness/wire.js';
import { scan } from '../security/electronegativity.js';
import type { Packaged } from './pack-project.js';
import { CANARIES, packageLinux, prepareProject, repoRoot } from './pack-project.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_ASAR_BYTES = 40 * 1024 * 1024;
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

let dir: string;
let release: Packaged;
let testBuild: Packaged;
let files: string[];
let fileSizes: Map<string, number>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fkv-pack-'));
  await prepareProject(dir);
  release = await packageLinux(dir, 'release');
  testBuild = await packageLinux(dir, 'release-e2e', true);
  fileSizes = new Map();
  for (const path of listPackage(release.asar, { isPack: false })) {
    const entry = statFile(release.asar, path.slice(1), false);
    // Native addons are listed here but live in app.asar.unpacked: checked apart, below.
    if ('size' in entry && !entry.unpacked) fileSizes.set(path, entry.size);
  }
  files = [...fileSizes.keys()];
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const read = (path: string): string => extractFile(release.asar, path.slice(1)).toString('utf8');

describe('the packaged app', () => {
  it('contains the three entry points and a package.json pointing at main', () => {
    for (const entry of [
      '/dist/main/main.js',
      '/dist/preload/preload.cjs',
      '/dist/renderer/index.html',
    ]) {
      expect(files).toContain(entry);
    }
    const pkg = JSON.parse(read('/package.json')) as Record<string, unknown>;
    expect(pkg['main']).toBe('dist/main/main.js');
    expect(pkg).not.toHaveProperty('devDependencies');
    expect(pkg).not.toHaveProperty('scripts');
  });

  it('ships every asset the renderer page loads', () => {
    const html = read('/dist/renderer/index.html');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map(
      (m) => `/dist/renderer/${m[1] ?? ''}`,
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(files).toContain(asset);
  });

  it('holds only dist/{main,preload,renderer}, package.json and node_modules', () => {
    const outside = files.filter(
      (f) => !/^\/(dist\/(main|preload|renderer)\/|node_modules\/|package\.json$)/.test(f),
    );
    expect(outside).toEqual([]);
  });

  it('leaves out test/, the harness and the canaries planted in the project', () => {
    expect(files.filter((f) => f.startsWith('/test/') || f.startsWith('/dist/harness'))).toEqual(
      [],
    );
    for (const canary of CANARIES) expect(files).not.toContain(`/${canary}`);
    const harnessCode = files.filter((f) => {
      const text = read(f);
      return text.includes(RPC_PATH) || text.includes(BRIDGE_PATH);
    });
    expect(harnessCode).toEqual([]);
  });

  it('has no source maps', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const ours = files.filter((f) => f.startsWith('/dist/'));
    expect(ours.filter((f) => read(f).includes('sourceMappingURL='))).toEqual([]);
  });

  it('ships every production dependency and no development one', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of Object.keys(pkg.dependencies)) {
      expect(files, name).toContain(`/node_modules/${name}/package.json`);
    }
    const devShipped = Object.keys(pkg.devDependencies).filter((name) =>
      files.some((f) => f.startsWith(`/node_modules/${name}/`)),
    );
    expect(devShipped).toEqual([]);
  });

  it('keeps every file under the size budget', () => {
    const oversized = [...fileSizes].filter(([, size]) => size > MAX_FILE_BYTES);
    expect(oversized).toEqual([]);
    const total = [...fileSizes.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(MAX_ASAR_BYTES);
  });

  it('puts nothing beside app.asar that Electron could load instead, only native addons', async () => {
    const resources = join(release.appOutDir, 'resources');
    expect(await readdir(resources)).toEqual(['app.asar', 'app.asar.unpacked']);
    const unpacked = await readdir(join(resources, 'app.asar.unpacked'), { recursive: true });
    const files = unpacked.filter((f) => f.includes('.'));
    expect(files.filter((f) => f.endsWith('.node')).length).toBeGreaterThan(0);
    // Binaries and the metadata beside them; no script Electron could run in place of the asar's.
    const allowed = /^node_modules\/(@[^/]+\/)?[^/]+\/([^/]+\.node|package\.json|LICENSE[^/]*)$/;
    expect(files.filter((f) => !allowed.test(f.split(sep).join('/')))).toEqual([]);
  });

  it('ships the Argon2id addon for Linux x64 outside the asar, and it derives the expected key', () => {
    expect(read('/dist/main/main.js')).toMatch(/from "@node-rs\/argon2"/);
    expect(files).toContain('/node_modules/@node-rs/argon2/package.json');
    const binary = join(
      release.appOutDir,
      'resources/app.asar.unpacked/node_modules/@node-rs/argon2-linux-x64-gnu/argon2.linux-x64-gnu.node',
    );
    const addon = createRequire(import.meta.url)(binary) as {
      hashRawSync: (password: string, options: Record<string, unknown>) => Buffer;
    };
    const key = addon.hashRawSync('x', {
      salt: Buffer.alloc(16, 1),
      memoryCost: 1024,
      timeCost: 1,
      parallelism: 4,
      outputLen: 32,
    });
    // The same vector kdf.test.ts pins (recorded from hash-wasm).
    expect(key.toString('hex')).toBe(
      '88399ab0e1abf0f619d8d2189358a94d549cbcbe67d0f9b547f1095652e04bb7',
    );
  });
});

describe('fuses in the packaged binary', () => {
  const release_ = {
    [FuseV1Options.RunAsNode]: OFF,
    [FuseV1Options.EnableCookieEncryption]: ON,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
    [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
    [FuseV1Options.OnlyLoadAppFromAsar]: ON,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: OFF,
  };

  it('flips every release fuse', async () => {
    expect(await getCurrentFuseWire(release.binary)).toMatchObject(release_);
  });

  it('leaves only the inspect fuse on in the test build', async () => {
    expect(await getCurrentFuseWire(testBuild.binary)).toMatchObject({
      ...release_,
      [FuseV1Options.EnableNodeCliInspectArguments]: ON,
    });
  });
});

describe('Electronegativity on the fresh build', () => {
  it('has zero findings in main, preload and renderer', async () => {
    expect(await scan(join(dir, 'dist'))).toEqual([]);
  }, 120_000);
});
