// The installer configuration: targets per platform, identity, what ships, and the macOS
// entitlements. The smoke test proves the result for Linux; this pins what cannot run here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

import { repoRoot } from './pack-project.js';

interface PlatformConfig {
  target: string[];
  icon: string;
  entitlements?: string;
  entitlementsInherit?: string;
  hardenedRuntime?: boolean;
}

const config = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & { win: PlatformConfig; mac: PlatformConfig; linux: PlatformConfig; files: string[] };

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config['appId']).toBe('dev.flowise.keyvault');
    expect(config['productName']).toBe('Flowise Key Vault');
  });

  it('builds the installers of every platform', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('gives every platform an icon that exists and is large enough for macOS', () => {
    for (const platform of [config.win, config.mac, config.linux]) {
      const icon = readFileSync(join(repoRoot, platform.icon));
      expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(icon.readUInt32BE(20)).toBe(icon.readUInt32BE(16));
    }
  });

  it('registers no file associations and no URL schemes', () => {
    for (const section of [config, config.win, config.mac, config.linux]) {
      expect(section).not.toHaveProperty('fileAssociations');
      expect(section).not.toHaveProperty('protocols');
    }
  });

  it('packages only the three bundles and package.json, into an asar', () => {
    expect(config['asar']).toBe(true);
    // Only native addons sit outside it: a .node binary cannot be loaded from inside an asar.
    expect(config['asarUnpack']).toEqual(['**/*.node']);
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included).toEqual([
      'dist/main/**',
      'dist/preload/**',
      'dist/renderer/**',
      'package.json',
    ]);
    expect(config.files).toEqual(
      expect.arrayContaining(['!**/*.map', '!test/**', '!dist/harness/**']),
    );
  });

  it('flips fuses in an afterPack hook that exists, not in a second place', () => {
    expect(existsSync(join(repoRoot, config['afterPack'] as string))).toBe(true);
    expect(config).not.toHaveProperty('electronFuses');
  });
});

describe('macOS hardened runtime', () => {
  it('is on, with the same entitlements for helpers', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it('grants only allow-jit', () => {
    const plist = readFileSync(join(repoRoot, config.mac.entitlements ?? ''), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(keys).toEqual(granted);
  });
});
