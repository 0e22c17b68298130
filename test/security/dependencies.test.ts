// What ships is pinned, and the README says why each production dependency is there.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const optional = pkg.optionalDependencies ?? {};
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('dependencies', () => {
  it('are pinned to exact versions', () => {
    const all = { ...pkg.dependencies, ...pkg.devDependencies, ...optional };
    const loose = Object.entries(all).filter(([, v]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(v));
    expect(loose).toEqual([]);
  });

  it('each production dependency has a row in the README saying why', () => {
    const section = /^## Production dependencies$([\s\S]*?)(^## |$(?![\s\S]))/m.exec(readme)?.[1];
    expect(section, 'README section "Production dependencies"').toBeDefined();
    const missing = Object.keys(pkg.dependencies).filter(
      (name) =>
        !new RegExp(`^\\| \`${name.replace('/', '\\/')}\` \\|[^|]*\\|\\s*\\S`, 'm').test(
          section ?? '',
        ),
    );
    expect(missing).toEqual([]);
  });

  // electron-builder bundles only the packages the app itself names, so each native addon's
  // per-platform binaries are listed as optional dependencies (npm installs the matching one).
  it('lists as optional only the platform binaries of a production dependency, at its version', () => {
    const strays = Object.entries(optional).filter(
      ([name, version]) =>
        !Object.entries(pkg.dependencies).some(
          ([parent, parentVersion]) => name.startsWith(`${parent}-`) && version === parentVersion,
        ),
    );
    expect(strays).toEqual([]);
  });
});
