// One config, four builds, chosen by --mode: the renderer (default), the Electron main process,
// the sandboxed preload, and the test-only harness bridge. Vitest reads the `test` block.
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const out = (dir: string): string => resolve(root, 'dist', dir);
const ignored = ['node_modules/**', 'dist/**', 'test/e2e/**'];
const realFlowiseTests = ['**/*.real.test.ts', '**/real.*.test.ts'];

function library(
  entry: string,
  outDir: string,
  format: 'cjs' | 'iife',
  fileName: string,
): UserConfig {
  return {
    build: {
      outDir: out(outDir),
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      lib: {
        entry: resolve(root, entry),
        formats: [format],
        fileName: () => fileName,
        name: 'fkv',
      },
      rolldownOptions: { external: ['electron'] },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') {
    return {
      // A native addon is never bundled: it finds its per-platform .node binary at run time, in
      // app.asar.unpacked (electron-builder.yml, asarUnpack).
      ssr: { external: ['@node-rs/argon2'] },
      build: {
        outDir: out('main'),
        emptyOutDir: true,
        sourcemap: false,
        ssr: resolve(root, 'main/shell/main.ts'),
        target: 'node22',
        rolldownOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
      },
    };
  }
  // fkv, the command line: one ES module for Node, beside the app's build (bin/fkv.js runs it).
  if (mode === 'cli') {
    return {
      // Its packages are bundled in too (all but the Argon2 addon): resolving and compiling each
      // package's own files was most of fkv's start-up (npm run bench -- cli).
      ssr: { external: ['@node-rs/argon2'], noExternal: true },
      build: {
        outDir: out('cli'),
        emptyOutDir: true,
        sourcemap: false,
        ssr: resolve(root, 'main/cli/main.ts'),
        target: 'node20',
        rolldownOptions: { output: { format: 'es', entryFileNames: 'fkv.js' } },
      },
    };
  }
  // Sandboxed preloads must be a single CommonJS file that requires nothing but 'electron'.
  if (mode === 'preload') return library('preload/index.ts', 'preload', 'cjs', 'preload.cjs');
  // The harness bridge is test tooling: built beside the app, never packaged.
  if (mode === 'harness')
    return library('test/harness/browser-bridge.ts', 'harness', 'iife', 'bridge.js');
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: { outDir: out('renderer'), emptyOutDir: true, sourcemap: false, target: 'chrome140' },
    test: {
      root,
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 30_000,
      pool: 'forks',
      server: { deps: { inline: ['electron-store'] } },
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['**/*.test.ts', '**/*.test.tsx'],
            exclude: [...ignored, ...realFlowiseTests],
          },
        },
        // One real Flowise server for every file here (test/flowise/vitest-global-setup.ts). The
        // files share it, so they run one at a time.
        {
          extends: true,
          test: {
            name: 'flowise',
            include: realFlowiseTests,
            exclude: ignored,
            globalSetup: ['test/flowise/vitest-global-setup.ts'],
            fileParallelism: false,
            testTimeout: 60_000,
          },
        },
      ],
    },
  };
});
